package org.haven.server.pipeline.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.haven.datasets.DataFile;
import org.haven.datasets.DuckDbSession;
import org.haven.datasets.DuckDbSettings;
import org.haven.datasets.VersionRewrite;
import org.haven.datasets.WrittenVersion;
import org.haven.pipelines.StepContext;
import org.haven.pipelines.StepFailure;
import org.haven.pipelines.StepResult;
import org.haven.pipelines.StepType;
import org.haven.server.audit.AuditActor;
import org.haven.server.catalog.CatalogService;
import org.haven.server.catalog.Dataset;
import org.haven.server.catalog.DatasetSchema;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.pipeline.Deidentification;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobStore;
import org.haven.storage.PutOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code deidentify}: turns the records an earlier step validated into de-identified records of another dataset of
 * the tenant, ready to publish. Each field is treated as the policy says (by default DIRECT fields are tokenised with
 * the tenant's key, the rest kept); the output dataset is created with the de-identified schema when missing, and
 * given a new schema version when the policy changes it (breaking changes only with {@code allow_breaking}). Its
 * output names the policy's hash and the keysets used, which {@code publish} writes into the version's lineage.
 *
 * <p>Params: {@code output_dataset} (name of the de-identified dataset, required), {@code policy} (a privacy policy
 * document; default the standard policy), {@code allow_breaking} (default false), {@code key_scope} ({@code tenant},
 * the default, or {@code retokenise-<name>}: keys of their own, for when tokens must be made anew because a
 * tokenisation key must change; tokenisation keys never rotate in place, since equal values must keep equal tokens).
 */
@Component
class DeidentifyStep implements StepType {

    private static final Set<String> PARAMS = Set.of("output_dataset", "policy", "allow_breaking", "key_scope");
    /** The tenant's own keys; other names are scopes of their own, such as a re-tokenisation's. */
    static final String TENANT_SCOPE = "tenant";
    private static final Pattern KEY_SCOPE = Pattern.compile("tenant|retokenise-[a-z0-9][a-z0-9-]{0,39}");
    private static final String NOT_INSTALLED =
            "this server has no de-identification installed, so the deidentify step cannot run";

    private final Optional<Deidentification> deidentification;
    private final CatalogService catalog;
    private final BlobStore blobs;
    private final DuckDbSettings duckDb;
    private final StepScratch scratch;

    DeidentifyStep(ObjectProvider<Deidentification> deidentification, CatalogService catalog, BlobStore blobs,
            DuckDbSettings duckDb, StepScratch scratch) {
        this.deidentification = Optional.ofNullable(deidentification.getIfAvailable());
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
        if (deidentification.isEmpty()) {
            return List.of(NOT_INSTALLED);
        }
        List<String> problems = new ArrayList<>(StepParams.unknownKeys(params, PARAMS));
        if (!(params.get("output_dataset") instanceof String name) || !Dataset.isValidName(name)) {
            problems.add("'output_dataset' must be the name of the de-identified dataset: " + Dataset.NAME_RULE);
        }
        if (params.containsKey("allow_breaking") && !(params.get("allow_breaking") instanceof Boolean)) {
            problems.add("'allow_breaking' must be true or false");
        }
        if (params.containsKey("key_scope")
                && !(params.get("key_scope") instanceof String scope && KEY_SCOPE.matcher(scope).matches())) {
            problems.add("'key_scope' must be 'tenant' or 'retokenise-' followed by lower-case letters, digits and '-'");
        }
        problems.addAll(deidentification.get().validate(params.get("policy")));
        return problems;
    }

    @Override
    public StepResult execute(StepContext context) throws IOException {
        Deidentification engine = deidentification.orElseThrow(() -> StepFailure.permanent(NOT_INSTALLED));
        Map<String, Object> staged = Upstream.withKey(context, "files");
        UUID tenantId = StepParams.tenant(context);
        Dataset source = Upstream.datasetOfTenant(catalog, context, UUID.fromString(staged.get("dataset_id").toString()));
        DatasetSchema input = catalog.schema(source.id(), ((Number) staged.get("schema_version")).intValue());
        Deidentification.Transform transform;
        try {
            transform = engine.open(tenantId, keyScope(context), input.schema(), context.params().get("policy"));
        } catch (IllegalArgumentException e) {
            throw StepFailure.permanent("the policy does not fit dataset " + source.name() + ": " + e.getMessage());
        }
        DatasetSchema output = outputDataset(context, source, transform);
        String stepPrefix = context.workspacePrefix() + context.stepId() + "/";

        Path work = scratch.create(context);
        try (DuckDbSession session = DuckDbSession.inMemory(duckDb.withTempDirectory(work.resolve("duckdb")))) {
            List<Path> inputFiles = StagedFiles.download(blobs, staged, work.resolve("input"));
            // Kept fields are copied by DuckDB; only the treated ones are read and written in Java.
            WrittenVersion written = VersionRewrite.write(session, input.schema(), inputFiles, output.schema(),
                    transform.unchangedFields(), transform::apply, work.resolve("output"));
            for (DataFile file : written.files()) {
                try (InputStream data = Files.newInputStream(work.resolve("output").resolve(file.path()))) {
                    blobs.put(BlobKey.of(stepPrefix + file.path()), data,
                            PutOptions.defaults().withExpectedSha256(file.sha256()));
                }
            }
            context.log("de-identified " + written.rowCount() + " records of dataset " + source.name() + " into "
                    + output.datasetId() + " (schema version " + output.version() + ", policy "
                    + transform.lineage().get("policy_hash") + ")");
            return StepResult.of(output(staged, source, output, written, stepPrefix, transform));
        } finally {
            scratch.delete(work);
        }
    }

    private static String keyScope(StepContext context) {
        return context.params().get("key_scope") instanceof String scope ? scope : TENANT_SCOPE;
    }

    /** The de-identified dataset, created or brought to the transform's schema on behalf of whoever started the run. */
    private DatasetSchema outputDataset(StepContext context, Dataset source, Deidentification.Transform transform) {
        String name = context.params().get("output_dataset").toString();
        boolean allowBreaking = Boolean.TRUE.equals(context.params().get("allow_breaking"));
        if (name.equals(source.name())) {
            throw StepFailure.permanent("'output_dataset' must differ from the dataset being de-identified");
        }
        try {
            return catalog.provide(StepParams.tenant(context), name, "De-identified from " + source.name(),
                    transform.outputSchema(), allowBreaking, StepParams.startedBy(context), AuditActor.system("pipeline"));
        } catch (HavenException e) {
            if (e.errorCode() == ErrorCode.BREAKING_SCHEMA_CHANGE) {
                throw StepFailure.permanent("the policy changes dataset " + name + "'s schema in a breaking way ("
                        + e.getMessage() + "); set 'allow_breaking: true' if that is intended");
            }
            if (e.errorCode() == ErrorCode.CONFLICT) {
                throw StepFailure.retryable("dataset " + name + " was being created by another run", e);
            }
            throw e;
        }
    }

    private static Map<String, Object> output(Map<String, Object> staged, Dataset source, DatasetSchema output,
            WrittenVersion written, String stepPrefix, Deidentification.Transform transform) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dataset_id", output.datasetId().toString());
        result.put("schema_version", output.version());
        result.put("rows", written.rowCount());
        result.put("files_prefix", stepPrefix);
        result.put("files", written.files().stream().map(file -> Map.<String, Object>of("path", file.path(),
                "bytes", file.bytes(), "sha256", file.sha256(), "rows", file.rows())).toList());
        result.put("deidentified", true);
        Map<String, Object> lineage = new LinkedHashMap<>(transform.lineage());
        lineage.put("source_dataset_id", source.id().toString());
        lineage.put("source_schema_version", staged.get("schema_version").toString());
        result.put("lineage", lineage);
        if (staged.get("input") != null) {
            result.put("input", staged.get("input"));
        }
        return result;
    }
}
