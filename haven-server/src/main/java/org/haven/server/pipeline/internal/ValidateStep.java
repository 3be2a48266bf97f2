package org.haven.server.pipeline.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.haven.datasets.DatasetVersionWriter;
import org.haven.datasets.DuckDbSession;
import org.haven.datasets.DuckDbSettings;
import org.haven.datasets.RejectsWriter;
import org.haven.datasets.VersionIngest;
import org.haven.datasets.WrittenVersion;
import org.haven.formats.Format;
import org.haven.formats.FormatDetection;
import org.haven.formats.FormatException;
import org.haven.formats.FormatOptions;
import org.haven.formats.RecordReader;
import org.haven.formats.RecordReaders;
import org.haven.pipelines.StepContext;
import org.haven.pipelines.StepFailure;
import org.haven.pipelines.StepResult;
import org.haven.pipelines.StepType;
import org.haven.schema.RecordValidator;
import org.haven.server.audit.AuditActor;
import org.haven.server.catalog.CatalogService;
import org.haven.server.catalog.Dataset;
import org.haven.server.catalog.DatasetSchema;
import org.haven.server.catalog.VersionStorage;
import org.haven.server.ingest.FileService;
import org.haven.server.pipeline.Deidentification;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobStore;
import org.haven.storage.PutOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code validate}: checks every record of the landed file against a dataset's schema and writes the valid ones as
 * Parquet into the run's workspace, ready to publish. Invalid records are quarantined to a rejects object kept
 * with the dataset (they hold the raw values, so they stay in the owner's data store, never in a report); when
 * more than {@code max_rejected_rows} are invalid the whole file is refused, permanently: retrying cannot fix data.
 *
 * <p>Params: {@code dataset} (id, required), {@code schema_version} (default: the latest), {@code format} (csv,
 * json_array, ndjson, parquet; default: from the file name or content), {@code delimiter} (CSV, one character),
 * {@code header} (CSV, default true), {@code max_rejected_rows} (default 0), {@code deidentify} (the params of a
 * {@code deidentify} step, see {@link Deidentifying}: the valid records are de-identified as they are validated and
 * only the de-identified copy is written, into its own dataset, for pipelines that publish nothing else; the
 * identifiable values then never reach a version. Rejects still hold the records as read, kept with the dataset
 * validated against).
 */
@Component
class ValidateStep implements StepType {

    private static final Set<String> PARAMS = Set.of("dataset", "schema_version", "format", "delimiter", "header",
            "max_rejected_rows", "deidentify");
    private static final int SNIFF_BYTES = 4096;

    private final CatalogService catalog;
    private final Deidentifying deidentifying;
    private final FileService files;
    private final BlobStore blobs;
    private final DuckDbSettings duckDb;
    private final StepScratch scratch;

    ValidateStep(CatalogService catalog, ObjectProvider<Deidentification> deidentification, FileService files,
            BlobStore blobs, DuckDbSettings duckDb, StepScratch scratch) {
        this.catalog = catalog;
        this.deidentifying = new Deidentifying(Optional.ofNullable(deidentification.getIfAvailable()), catalog);
        this.files = files;
        this.blobs = blobs;
        this.duckDb = duckDb;
        this.scratch = scratch;
    }

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public List<String> validate(Map<String, Object> params) {
        List<String> problems = new ArrayList<>(StepParams.unknownKeys(params, PARAMS));
        if (!StepParams.isUuid(params.get("dataset"))) {
            problems.add("'dataset' must be the id of a dataset");
        }
        if (params.containsKey("schema_version") && !StepParams.isWholeNumber(params.get("schema_version"), 1)) {
            problems.add("'schema_version' must be a version number from 1");
        }
        if (params.containsKey("format") && parseFormat(params.get("format")) == null) {
            problems.add("'format' must be one of csv, json_array, ndjson, parquet");
        }
        if (params.containsKey("delimiter") && !(params.get("delimiter") instanceof String d && d.length() == 1)) {
            problems.add("'delimiter' must be one character");
        }
        if (params.containsKey("header") && !(params.get("header") instanceof Boolean)) {
            problems.add("'header' must be true or false");
        }
        if (params.containsKey("max_rejected_rows") && !StepParams.isWholeNumber(params.get("max_rejected_rows"), 0)) {
            problems.add("'max_rejected_rows' must be a whole number from 0");
        }
        if (params.containsKey("deidentify")) {
            if (params.get("deidentify") instanceof Map<?, ?> deidentify) {
                problems.addAll(deidentifying.problems(deidentify, "deidentify."));
            } else {
                problems.add("'deidentify' must be a map of the deidentify step's params");
            }
        }
        return problems;
    }

    @Override
    public StepResult execute(StepContext context) throws Exception {
        Map<String, Object> landed = Upstream.withKey(context, "file_id");
        UUID sourceId = UUID.fromString(landed.get("source_id").toString());
        UUID fileId = UUID.fromString(landed.get("file_id").toString());
        String path = landed.get("path").toString();
        Dataset dataset = Upstream.datasetOfTenant(catalog, context, StepParams.uuidParam(context, "dataset"));
        DatasetSchema schema = schema(context, dataset);
        Deidentifying.Opened deidentified = context.params().get("deidentify") instanceof Map<?, ?> deidentify
                ? deidentifying.open(context, deidentify, dataset, schema) : null;
        DatasetSchema written = deidentified == null ? schema : deidentified.output();
        long maxRejected = context.params().get("max_rejected_rows") instanceof Number n ? n.longValue() : 0;
        String stepPrefix = context.workspacePrefix() + context.stepId() + "/";

        Path work = scratch.create(context);
        try (FileService.FileContent content = files.openAs(sourceId, fileId, AuditActor.system("pipeline"));
                InputStream input = new BufferedInputStream(content.content().stream(), 64 * 1024);
                DuckDbSession session = DuckDbSession.inMemory(duckDb.withTempDirectory(work.resolve("duckdb")));
                DatasetVersionWriter writer = DatasetVersionWriter.open(session, written.schema(), work.resolve("version"));
                OutputStream rejectsFile = Files.newOutputStream(work.resolve("rejects.ndjson"));
                RejectsWriter rejects = new RejectsWriter(rejectsFile)) {
            Format format = format(context, path, input);
            VersionIngest.Outcome outcome;
            try (RecordReader reader = RecordReaders.open(input, format, options(context))) {
                outcome = VersionIngest.run(reader, RecordValidator.of(schema.schema()),
                        deidentified == null ? UnaryOperator.identity() : deidentified.transform()::apply, writer,
                        rejects, maxRejected);
            } catch (FormatException e) {
                throw StepFailure.permanent("the file is not valid " + format.name().toLowerCase(Locale.ROOT) + ": "
                        + e.getMessage());
            }
            rejects.close();
            putReport(stepPrefix, outcome);
            context.log("read " + outcome.records() + " records: " + outcome.written() + " valid, "
                    + outcome.rejected() + " rejected" + errorSummary(outcome));
            if (outcome.stoppedEarly()) {
                throw StepFailure.permanent("more than " + maxRejected + " records are invalid; the file is refused "
                        + "(the run's log has the counts)");
            }
            WrittenVersion version = writer.finish();
            StagedFiles.upload(blobs, version, work.resolve("version"), stepPrefix);
            String rejectsKey = outcome.rejected() == 0 ? null : putRejects(context, schema, work);
            Map<String, Object> output = output(written, outcome, version, stepPrefix, rejectsKey, landed);
            if (deidentified != null) {
                output.put("deidentified", true);
                output.put("lineage", deidentified.lineage());
                context.log("de-identified the valid records into dataset " + written.datasetId() + " (schema version "
                        + written.version() + ", policy " + deidentified.lineage().get("policy_hash") + ")");
            }
            return StepResult.of(output);
        } finally {
            scratch.delete(work);
        }
    }

    /** Error counts per field and kind, e.g. " (sex: NOT_IN_CODE_LIST 1)": counts only, never values. */
    private static String errorSummary(VersionIngest.Outcome outcome) {
        StringBuilder summary = new StringBuilder();
        outcome.report().errorCounts().forEach((field, kinds) -> kinds.forEach((kind, count) ->
                summary.append(summary.length() == 0 ? " (" : ", ").append(field).append(": ").append(kind)
                        .append(' ').append(count)));
        return summary.length() == 0 ? "" : summary.append(')').toString();
    }

    private DatasetSchema schema(StepContext context, Dataset dataset) {
        Object version = context.params().get("schema_version");
        return version instanceof Number number ? catalog.schema(dataset.id(), number.intValue())
                : catalog.latestSchema(dataset.id());
    }

    private static Format format(StepContext context, String path, InputStream input) throws IOException {
        Format chosen = parseFormat(context.params().get("format"));
        if (chosen != null) {
            return chosen;
        }
        input.mark(SNIFF_BYTES);
        byte[] start = input.readNBytes(SNIFF_BYTES);
        input.reset();
        return FormatDetection.detect(path, start)
                .orElseThrow(() -> StepFailure.permanent("the file's format cannot be told from its name or content; "
                        + "set the step's 'format' param"));
    }

    private static FormatOptions options(StepContext context) {
        FormatOptions.Builder options = FormatOptions.builder();
        if (context.params().get("delimiter") instanceof String delimiter) {
            options.delimiter(delimiter.charAt(0));
        }
        if (context.params().get("header") instanceof Boolean header) {
            options.header(header);
        }
        return options.build();
    }

    private static Format parseFormat(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        try {
            return Format.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The report masks the examples of DIRECT and INDIRECT fields, so it may sit in the workspace and the run log. */
    private void putReport(String stepPrefix, VersionIngest.Outcome outcome) {
        byte[] json = outcome.report().toJson().getBytes(StandardCharsets.UTF_8);
        blobs.put(BlobKey.of(stepPrefix + "report.json"), new ByteArrayInputStream(json),
                PutOptions.defaults().withContentType("application/json"));
    }

    private String putRejects(StepContext context, DatasetSchema schema, Path work) throws IOException {
        String key = VersionStorage.rejectsKey(StepParams.tenant(context), schema.datasetId(), context.runId());
        try (InputStream rejected = Files.newInputStream(work.resolve("rejects.ndjson"))) {
            blobs.put(BlobKey.of(key), rejected, PutOptions.defaults().withContentType("application/x-ndjson"));
        }
        return key;
    }

    private static Map<String, Object> output(DatasetSchema schema, VersionIngest.Outcome outcome,
            WrittenVersion written, String stepPrefix, String rejectsKey, Map<String, Object> landed) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("dataset_id", schema.datasetId().toString());
        output.put("schema_version", schema.version());
        output.put("records", outcome.records());
        output.put("rows", written.rowCount());
        output.put("rejected", outcome.rejected());
        output.put("files_prefix", stepPrefix);
        output.put("files", StagedFiles.listing(written));
        output.put("report_key", stepPrefix + "report.json");
        if (rejectsKey != null) {
            output.put("rejects_key", rejectsKey);
        }
        output.put("input", Map.of("key", "sources/" + landed.get("source_id") + "/" + landed.get("path"),
                "sha256", landed.get("sha256").toString()));
        return output;
    }
}
