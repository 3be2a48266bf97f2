package org.haven.server.pipeline.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.haven.datasets.DataFile;
import org.haven.datasets.DatasetManifest;
import org.haven.datasets.InputObject;
import org.haven.datasets.Lineage;
import org.haven.datasets.WrittenVersion;
import org.haven.pipelines.StepContext;
import org.haven.pipelines.StepFailure;
import org.haven.pipelines.StepResult;
import org.haven.pipelines.StepType;
import org.haven.server.catalog.CatalogService;
import org.haven.server.catalog.Dataset;
import org.haven.server.catalog.DatasetSchema;
import org.haven.server.catalog.DatasetVersion;
import org.haven.server.catalog.DatasetVersions;
import org.haven.server.catalog.VersionContent.StoredVersion;
import org.haven.server.catalog.VersionStorage;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * {@code publish}: makes the Parquet files an earlier step left in the workspace the next immutable version of the
 * dataset, with a manifest naming the schema version, row count, file hashes and lineage (input object, pipeline
 * and version, run, params, Haven version). The files are copied to keys named after the run and the catalog row
 * is written once per run, so a publish repeated after a crash ends with exactly one version.
 *
 * <p>Params: {@code dataset} (optional): the dataset whose staged files to publish, when a run stages files for
 * several (a dataset and its de-identified copy); {@code stage} (optional): the id of the step whose staged files
 * to publish, when a run stages several datasets whose ids are known only while it runs (the FHIR ingest); without
 * either, the latest stage's files.
 */
@Component
class PublishStep implements StepType {

    private final CatalogService catalog;
    private final DatasetVersions versions;
    private final VersionStorage storage;
    private final BlobStore blobs;
    private final String havenVersion;

    PublishStep(CatalogService catalog, DatasetVersions versions, VersionStorage storage, BlobStore blobs,
            ObjectProvider<BuildProperties> build) {
        this.catalog = catalog;
        this.versions = versions;
        this.storage = storage;
        this.blobs = blobs;
        BuildProperties properties = build.getIfAvailable();
        this.havenVersion = properties == null ? "development" : properties.getVersion();
    }

    @Override
    public String name() {
        return "publish";
    }

    @Override
    public List<String> validate(Map<String, Object> params) {
        List<String> problems = new ArrayList<>(StepParams.unknownKeys(params, Set.of("dataset", "stage")));
        if (params.containsKey("stage") && !(params.get("stage") instanceof String)) {
            problems.add("'stage' must be the id of an earlier step");
        }
        if (params.containsKey("dataset") && !StepParams.isUuid(params.get("dataset"))) {
            problems.add("'dataset' must be the id of a dataset");
        }
        return problems;
    }

    @Override
    public StepResult execute(StepContext context) {
        UUID named = StepParams.uuidParam(context, "dataset");
        Map<String, Object> staged = named != null ? stagedFor(context, named)
                : context.params().get("stage") instanceof String stage ? stagedBy(context, stage)
                : Upstream.withKey(context, "files");
        UUID datasetId = UUID.fromString(staged.get("dataset_id").toString());
        Dataset dataset = Upstream.datasetOfTenant(catalog, context, datasetId);
        DatasetSchema schema = catalog.schema(datasetId, ((Number) staged.get("schema_version")).intValue());
        WrittenVersion written = new WrittenVersion(((Number) staged.get("rows")).longValue(), dataFiles(staged));
        String from = staged.get("files_prefix").toString();
        String to = VersionStorage.prefix(dataset.tenantId(), datasetId, context.runId());

        DatasetVersion version = versions.publish(datasetId, new DatasetVersions.PublishedBy(context.runId(),
                context.pipelineName(), context.pipelineVersion(), StepParams.startedBy(context)), number -> {
                    for (DataFile file : written.files()) {
                        blobs.copy(BlobKey.of(from + file.path()), BlobKey.of(to + file.path()));
                    }
                    DatasetManifest manifest = DatasetManifest.of(datasetId.toString(), number, schema.version(),
                            schema.schema(), written, lineage(context, staged), Instant.now());
                    String manifestSha256 = storage.putManifest(to, manifest);
                    return new StoredVersion(schema.version(), written.rowCount(), manifest.contentSha256(),
                            manifest.toJson(), manifestSha256, to);
                });
        context.log("published version " + version.version() + " of dataset " + datasetId + " (" + version.rowCount()
                + " rows)");
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("dataset_id", datasetId.toString());
        output.put("version", version.version());
        output.put("rows", version.rowCount());
        output.put("content_hash", version.contentHash());
        return StepResult.of(output);
    }

    /** The files an earlier step staged for the named dataset: a run may publish a dataset and its de-identified copy. */
    private static Map<String, Object> stagedFor(StepContext context, UUID datasetId) {
        return context.upstreamOutputs().values().stream()
                .filter(output -> output.containsKey("files") && datasetId.toString().equals(output.get("dataset_id")))
                .findFirst()
                .orElseThrow(() -> StepFailure.permanent("no earlier step staged files for dataset " + datasetId));
    }

    private static Map<String, Object> stagedBy(StepContext context, String stepId) {
        Map<String, Object> output = context.upstreamOutputs().get(stepId);
        if (output == null || !output.containsKey("files")) {
            throw StepFailure.permanent("step '" + stepId + "' staged no files; list it under needs");
        }
        return output;
    }

    @SuppressWarnings("unchecked")
    private static List<DataFile> dataFiles(Map<String, Object> staged) {
        List<DataFile> files = new ArrayList<>();
        for (Object entry : (List<Object>) staged.get("files")) {
            Map<String, Object> file = (Map<String, Object>) entry;
            files.add(new DataFile(file.get("path").toString(), ((Number) file.get("bytes")).longValue(),
                    file.get("sha256").toString(), ((Number) file.get("rows")).longValue()));
        }
        return files;
    }

    @SuppressWarnings("unchecked")
    private Lineage lineage(StepContext context, Map<String, Object> staged) {
        List<InputObject> inputs = new ArrayList<>();
        if (staged.get("input") instanceof Map<?, ?> input) {
            inputs.add(new InputObject(input.get("key").toString(), input.get("sha256").toString()));
        }
        Map<String, String> parameters = new TreeMap<>();
        context.inputs().forEach((name, value) -> parameters.put("input." + name, value));
        context.params().forEach((name, value) -> parameters.put("publish." + name, String.valueOf(value)));
        if (staged.get("lineage") instanceof Map<?, ?> transform) {
            // What de-identified the records: the policy's hash and the keysets' ids, never keys.
            transform.forEach((name, value) -> parameters.put("deidentify." + name, String.valueOf(value)));
        }
        return new Lineage(inputs, context.pipelineName(), Integer.toString(context.pipelineVersion()),
                context.runId().toString(), parameters, havenVersion);
    }
}
