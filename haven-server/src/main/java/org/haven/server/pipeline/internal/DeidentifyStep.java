package org.haven.server.pipeline.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.haven.datasets.DuckDbSession;
import org.haven.datasets.DuckDbSettings;
import org.haven.datasets.VersionRewrite;
import org.haven.datasets.WrittenVersion;
import org.haven.pipelines.StepContext;
import org.haven.pipelines.StepResult;
import org.haven.pipelines.StepType;
import org.haven.server.catalog.CatalogService;
import org.haven.server.catalog.Dataset;
import org.haven.server.catalog.DatasetSchema;
import org.haven.server.pipeline.Deidentification;
import org.haven.storage.BlobStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code deidentify}: turns the records an earlier step validated into de-identified records of another dataset of
 * the tenant, ready to publish. Each field is treated as the policy says (by default DIRECT fields are tokenised with
 * the tenant's key, the rest kept); the output dataset is created with the de-identified schema when missing, and
 * given a new schema version when the policy changes it (breaking changes only with {@code allow_breaking}). Its
 * output names the policy's hash and the keysets used, which {@code publish} writes into the version's lineage. When
 * only the de-identified copy is to be published, {@code validate}'s {@code deidentify} param does the same without
 * writing the validated records first.
 *
 * <p>Params: those of {@link Deidentifying}.
 */
@Component
class DeidentifyStep implements StepType {

    private final Deidentifying deidentifying;
    private final CatalogService catalog;
    private final BlobStore blobs;
    private final DuckDbSettings duckDb;
    private final StepScratch scratch;

    DeidentifyStep(ObjectProvider<Deidentification> deidentification, CatalogService catalog, BlobStore blobs,
            DuckDbSettings duckDb, StepScratch scratch) {
        this.deidentifying = new Deidentifying(Optional.ofNullable(deidentification.getIfAvailable()), catalog);
        this.catalog = catalog;
        this.blobs = blobs;
        this.duckDb = duckDb;
        this.scratch = scratch;
    }

    @Override
    public String name() {
        return "deidentify";
    }

    @Override
    public List<String> validate(Map<String, Object> params) {
        return deidentifying.problems(params, "");
    }

    @Override
    public StepResult execute(StepContext context) throws IOException {
        Map<String, Object> staged = Upstream.withKey(context, "files");
        Dataset source = Upstream.datasetOfTenant(catalog, context, UUID.fromString(staged.get("dataset_id").toString()));
        DatasetSchema input = catalog.schema(source.id(), ((Number) staged.get("schema_version")).intValue());
        Deidentifying.Opened opened = deidentifying.open(context, context.params(), source, input);
        Deidentification.Transform transform = opened.transform();
        DatasetSchema output = opened.output();
        String stepPrefix = context.workspacePrefix() + context.stepId() + "/";

        Path work = scratch.create(context);
        try (DuckDbSession session = DuckDbSession.inMemory(duckDb.withTempDirectory(work.resolve("duckdb")))) {
            List<Path> inputFiles = StagedFiles.download(blobs, staged, work.resolve("input"));
            // Kept fields are copied by DuckDB; only the treated ones are read and written in Java.
            WrittenVersion written = VersionRewrite.write(session, input.schema(), inputFiles, output.schema(),
                    transform.unchangedFields(), transform::apply, work.resolve("output"));
            StagedFiles.upload(blobs, written, work.resolve("output"), stepPrefix);
            context.log("de-identified " + written.rowCount() + " records of dataset " + source.name() + " into "
                    + output.datasetId() + " (schema version " + output.version() + ", policy "
                    + transform.lineage().get("policy_hash") + ")");
            return StepResult.of(output(staged, output, written, stepPrefix, opened.lineage()));
        } finally {
            scratch.delete(work);
        }
    }

    private static Map<String, Object> output(Map<String, Object> staged, DatasetSchema output, WrittenVersion written,
            String stepPrefix, Map<String, Object> lineage) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dataset_id", output.datasetId().toString());
        result.put("schema_version", output.version());
        result.put("rows", written.rowCount());
        result.put("files_prefix", stepPrefix);
        result.put("files", StagedFiles.listing(written));
        result.put("deidentified", true);
        result.put("lineage", lineage);
        if (staged.get("input") != null) {
            result.put("input", staged.get("input"));
        }
        return result;
    }
}
