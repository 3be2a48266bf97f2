package org.haven.server.pipeline.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.haven.datasets.DataFile;
import org.haven.datasets.DatasetVersionWriter;
import org.haven.datasets.DuckDbSession;
import org.haven.datasets.DuckDbSettings;
import org.haven.datasets.WrittenVersion;
import org.haven.fhir.Flattened;
import org.haven.fhir.ObservationRecords;
import org.haven.fhir.PatientRecords;
import org.haven.pipelines.StepContext;
import org.haven.pipelines.StepResult;
import org.haven.pipelines.StepType;
import org.haven.schema.FieldError;
import org.haven.schema.RecordResult;
import org.haven.schema.RecordValidator;
import org.haven.schema.Schema;
import org.haven.server.audit.AuditActor;
import org.haven.server.catalog.CatalogService;
import org.haven.server.catalog.DatasetSchema;
import org.haven.server.catalog.VersionStorage;
import org.haven.storage.BlobContent;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobStore;
import org.haven.storage.PutOptions;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code fhir_records}: flattens the resources {@code fhir_fetch} staged into records of the tenant's
 * {@code patient} or {@code observation} dataset and writes them as Parquet into the run's workspace, ready to
 * publish. The dataset is created with the library's fixed schema when missing (and given a new schema version if
 * the schema ever grows, never a breaking one). A resource that cannot be flattened is quarantined to the
 * dataset's rejects object with the reason; the reason names elements, never values, so it may go in the log.
 *
 * <p>Params: {@code resource}: {@code patient} or {@code observation}.
 */
@Component
class FhirRecordsStep implements StepType {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Resources flattened together: enough to keep every core busy, few enough to hold in memory. */
    private static final int BATCH = 2_048;

    /** What each resource kind becomes: dataset, schema, the flattening and the staged file it reads. */
    private record Kind(String dataset, String description, Schema schema, Function<String, Flattened> flatten,
            String stagedKey, String stagedSha256) {}

    private static final Map<String, Kind> KINDS = Map.of(
            "patient", new Kind("patient", "Patients ingested from FHIR sources (one row per Patient resource)",
                    PatientRecords.SCHEMA, PatientRecords::flatten, "patients_key", "patients_sha256"),
            "observation", new Kind("observation",
                    "Observations ingested from FHIR sources (one row per Observation resource)",
                    ObservationRecords.SCHEMA, ObservationRecords::flatten, "observations_key", "observations_sha256"));

    private final CatalogService catalog;
    private final BlobStore blobs;
    private final DuckDbSettings duckDb;
    private final StepScratch scratch;

    FhirRecordsStep(CatalogService catalog, BlobStore blobs, DuckDbSettings duckDb, StepScratch scratch) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.duckDb = duckDb;
        this.scratch = scratch;
    }

    @Override
    public String name() {
        return "fhir_records";
    }

    @Override
    public List<String> validate(Map<String, Object> params) {
        List<String> problems = new ArrayList<>(StepParams.unknownKeys(params, Set.of("resource")));
        if (!KINDS.containsKey(params.get("resource"))) {
            problems.add("'resource' must be patient or observation");
        }
        return problems;
    }

    @Override
    public StepResult execute(StepContext context) throws Exception {
        Kind kind = KINDS.get(context.params().get("resource").toString());
        Map<String, Object> fetched = Upstream.withKey(context, kind.stagedKey());
        UUID tenant = StepParams.tenant(context);
        DatasetSchema schema = catalog.provide(tenant, kind.dataset(), kind.description(), kind.schema(), false,
                StepParams.startedBy(context), AuditActor.system("pipeline"));
        RecordValidator validator = RecordValidator.of(schema.schema());
        String stepPrefix = context.workspacePrefix() + context.stepId() + "/";
        String stagedKey = fetched.get(kind.stagedKey()).toString();

        Path work = scratch.create(context);
        try (BlobContent staged = blobs.get(BlobKey.of(stagedKey));
                BufferedReader lines = new BufferedReader(new InputStreamReader(staged.stream(), StandardCharsets.UTF_8));
                DuckDbSession session = DuckDbSession.inMemory(duckDb.withTempDirectory(work.resolve("duckdb")));
                DatasetVersionWriter writer = DatasetVersionWriter.open(session, schema.schema(), work.resolve("version"))) {
            long read = 0;
            long rejected = 0;
            try (Writer rejects = Files.newBufferedWriter(work.resolve("rejects.ndjson"), StandardCharsets.UTF_8);
                    ParallelBatches<String, Outcome> flattening = new ParallelBatches<>("fhir-records",
                            line -> flatten(kind, validator, line))) {
                List<String> batch = new ArrayList<>(BATCH);
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isBlank()) {
                        batch.add(line);
                    }
                    if (batch.size() == BATCH) {
                        rejected += write(batch, flattening.apply(batch), writer, rejects);
                        read += batch.size();
                        batch.clear();
                    }
                }
                rejected += write(batch, flattening.apply(batch), writer, rejects);
                read += batch.size();
            }
            context.log(kind.dataset() + ": " + read + " resources, " + (read - rejected) + " records, " + rejected
                    + " rejected");
            WrittenVersion written = writer.finish();
            for (DataFile file : written.files()) {
                try (InputStream data = Files.newInputStream(work.resolve("version").resolve(file.path()))) {
                    blobs.put(BlobKey.of(stepPrefix + file.path()), data,
                            PutOptions.defaults().withExpectedSha256(file.sha256()));
                }
            }
            String rejectsKey = rejected == 0 ? null : putRejects(context, schema, work);
            return StepResult.of(output(schema, read, rejected, written, stepPrefix, rejectsKey, stagedKey,
                    fetched.get(kind.stagedSha256()).toString()));
        } finally {
            scratch.delete(work);
        }
    }

    /**
     * A resource flattened and validated: its record, or why it did not become one. This is most of the step's work
     * (HAPI parses each resource into its R4 model), and resources are independent, so it runs on every core;
     * records are still written one at a time, in the staged order.
     */
    private record Outcome(RecordResult record, String reason) {}

    private static Outcome flatten(Kind kind, RecordValidator validator, String json) {
        Flattened flattened = kind.flatten().apply(json);
        if (flattened instanceof Flattened.Rejected rejectedResource) {
            return new Outcome(null, rejectedResource.reason());
        }
        RecordResult record = validator.validate(((Flattened.Accepted) flattened).values());
        if (!record.isValid()) {
            // The library promises records valid under its schema; a miss is still quarantined, not fatal.
            List<String> problems = new ArrayList<>();
            for (FieldError error : record.errors()) {
                problems.add(error.fieldName() + ": " + error.kind());
            }
            return new Outcome(null, "not valid under the dataset's schema (" + String.join(", ", problems) + ")");
        }
        return new Outcome(record, null);
    }

    /** Writes a batch's records in order and its refused resources to the rejects; returns how many were refused. */
    private static long write(List<String> batch, List<Outcome> outcomes, DatasetVersionWriter writer, Writer rejects)
            throws IOException {
        long rejected = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome.record() != null) {
                writer.write(outcome.record());
            } else {
                rejected++;
                rejects.write(rejectLine(batch.get(i), outcome.reason()));
            }
        }
        return rejected;
    }

    /** The resource as sent and why it was refused; as sensitive as the resource, so kept with the dataset. */
    private static String rejectLine(String json, String reason) {
        ObjectNode line = JSON.createObjectNode();
        line.put("reason", reason);
        try {
            line.set("resource", JSON.readTree(json));
        } catch (RuntimeException notJson) {
            line.put("resource_text", json);
        }
        return JSON.writeValueAsString(line) + "\n";
    }

    private String putRejects(StepContext context, DatasetSchema schema, Path work) throws IOException {
        String key = VersionStorage.rejectsKey(StepParams.tenant(context), schema.datasetId(), context.runId());
        try (InputStream rejected = Files.newInputStream(work.resolve("rejects.ndjson"))) {
            blobs.put(BlobKey.of(key), rejected, PutOptions.defaults().withContentType("application/x-ndjson"));
        }
        return key;
    }

    private static Map<String, Object> output(DatasetSchema schema, long read, long rejected, WrittenVersion written,
            String stepPrefix, String rejectsKey, String stagedKey, String stagedSha256) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("dataset_id", schema.datasetId().toString());
        output.put("schema_version", schema.version());
        output.put("records", read);
        output.put("rows", written.rowCount());
        output.put("rejected", rejected);
        output.put("files_prefix", stepPrefix);
        output.put("files", written.files().stream().map(file -> Map.<String, Object>of("path", file.path(),
                "bytes", file.bytes(), "sha256", file.sha256(), "rows", file.rows())).toList());
        if (rejectsKey != null) {
            output.put("rejects_key", rejectsKey);
        }
        output.put("input", Map.of("key", stagedKey, "sha256", stagedSha256));
        return output;
    }
}
