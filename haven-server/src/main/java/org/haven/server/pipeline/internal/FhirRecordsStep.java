package org.haven.server.pipeline.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.haven.datasets.DuckDbSettings;
import org.haven.pipelines.StepContext;
import org.haven.pipelines.StepResult;
import org.haven.pipelines.StepType;
import org.haven.server.audit.AuditActor;
import org.haven.server.catalog.CatalogService;
import org.haven.server.catalog.DatasetSchema;
import org.haven.server.catalog.VersionStorage;
import org.haven.storage.BlobContent;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobStore;
import org.springframework.stereotype.Component;

/**
 * {@code fhir_records}: the records of the tenant's {@code patient} or {@code observation} dataset made from the
 * resources {@code fhir_fetch} staged, as Parquet in the run's workspace, ready to publish. A fetch flattens the
 * resources while it crawls and reports the records it staged; this step then takes them as they are. Otherwise
 * (a fetch that reported none) it flattens the staged NDJSON itself, through the same {@link FhirRecordStager}: the
 * dataset is created with the library's fixed schema when missing (and given a new schema version if the schema ever
 * grows, never a breaking one), and a resource that cannot be flattened is quarantined to the dataset's rejects
 * object with the reason.
 *
 * <p>Params: {@code resource}: {@code patient} or {@code observation}.
 */
@Component
class FhirRecordsStep implements StepType {

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
        if (FhirDataset.named(params.get("resource")).isEmpty()) {
            problems.add("'resource' must be patient or observation");
        }
        return problems;
    }

    @Override
    public StepResult execute(StepContext context) throws Exception {
        FhirDataset kind = FhirDataset.named(context.params().get("resource")).orElseThrow();
        Map<String, Object> fetched = Upstream.withKey(context, kind.stagedKey());
        if (fetched.get(kind.recordsKey()) instanceof Map<?, ?> flattenedWhileFetching) {
            return staged(context, kind, flattenedWhileFetching);
        }
        UUID tenant = StepParams.tenant(context);
        DatasetSchema schema = catalog.provide(tenant, kind.dataset(), kind.description(), kind.schema(), false,
                StepParams.startedBy(context), AuditActor.system("pipeline"));
        String stagedKey = fetched.get(kind.stagedKey()).toString();
        Path work = scratch.create(context);
        try (BlobContent staged = blobs.get(BlobKey.of(stagedKey));
                BufferedReader lines = new BufferedReader(new InputStreamReader(staged.stream(), StandardCharsets.UTF_8));
                FhirRecordStager stager = new FhirRecordStager(kind, schema, duckDb, work)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                stager.add(line);
            }
            FhirRecordStager.Staged records = stager.store(blobs, context.workspacePrefix() + context.stepId() + "/",
                    VersionStorage.rejectsKey(tenant, schema.datasetId(), context.runId()),
                    Map.of("key", stagedKey, "sha256", fetched.get(kind.stagedSha256()).toString()));
            context.log(stager.summary());
            return StepResult.of(records.output());
        } finally {
            scratch.delete(work);
        }
    }

    /** The records the fetch staged, once their dataset is known to be the run's tenant's. */
    @SuppressWarnings("unchecked")
    private StepResult staged(StepContext context, FhirDataset kind, Map<?, ?> records) {
        Map<String, Object> output = (Map<String, Object>) records;
        Upstream.datasetOfTenant(catalog, context, UUID.fromString(output.get("dataset_id").toString()));
        context.log(kind.dataset() + ": " + output.get("records") + " resources, " + output.get("rows")
                + " records, " + output.get("rejected") + " rejected (flattened while fetching)");
        return StepResult.of(output);
    }
}
