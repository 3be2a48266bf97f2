package org.haven.server.pipeline.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.haven.pipelines.StepContext;
import org.haven.pipelines.StepFailure;
import org.haven.server.audit.AuditActor;
import org.haven.server.catalog.CatalogService;
import org.haven.server.catalog.Dataset;
import org.haven.server.catalog.DatasetSchema;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.pipeline.Deidentification;

/**
 * What de-identifying a dataset's records takes, wherever a pipeline does it: in a {@code deidentify} step after
 * {@code validate}, or inside {@code validate} (its {@code deidentify} param) when only the de-identified copy is
 * published. The params are the same in both places: {@code output_dataset} (name of the de-identified dataset,
 * required), {@code policy} (a privacy policy document; default the standard policy), {@code allow_breaking}
 * (default false), {@code key_scope} ({@code tenant}, the default, or {@code retokenise-<name>}: keys of their own,
 * for when tokens must be made anew because a tokenisation key must change; tokenisation keys never rotate in place,
 * since equal values must keep equal tokens).
 */
final class Deidentifying {

    static final Set<String> PARAMS = Set.of("output_dataset", "policy", "allow_breaking", "key_scope");
    /** The tenant's own keys; other names are scopes of their own, such as a re-tokenisation's. */
    static final String TENANT_SCOPE = "tenant";
    private static final Pattern KEY_SCOPE = Pattern.compile("tenant|retokenise-[a-z0-9][a-z0-9-]{0,39}");
    static final String NOT_INSTALLED = "this server has no de-identification installed, so records cannot be "
            + "de-identified";

    /** One run's de-identification: the transform, the dataset it writes and what lineage records of it. */
    record Opened(Deidentification.Transform transform, DatasetSchema output, Map<String, Object> lineage) {}

    private final Optional<Deidentification> engine;
    private final CatalogService catalog;

    Deidentifying(Optional<Deidentification> engine, CatalogService catalog) {
        this.engine = engine;
        this.catalog = catalog;
    }

    /** Problems with the params, each naming the param ({@code prefix} says where they sit); empty when acceptable. */
    List<String> problems(Map<?, ?> params, String prefix) {
        if (engine.isEmpty()) {
            return List.of(NOT_INSTALLED);
        }
        List<String> problems = new ArrayList<>();
        for (Object key : params.keySet()) {
            if (!PARAMS.contains(key)) {
                problems.add("unknown param '" + prefix + key + "' (allowed: "
                        + String.join(", ", PARAMS.stream().sorted().toList()) + ")");
            }
        }
        if (!(params.get("output_dataset") instanceof String name) || !Dataset.isValidName(name)) {
            problems.add("'" + prefix + "output_dataset' must be the name of the de-identified dataset: "
                    + Dataset.NAME_RULE);
        }
        if (params.containsKey("allow_breaking") && !(params.get("allow_breaking") instanceof Boolean)) {
            problems.add("'" + prefix + "allow_breaking' must be true or false");
        }
        if (params.containsKey("key_scope")
                && !(params.get("key_scope") instanceof String scope && KEY_SCOPE.matcher(scope).matches())) {
            problems.add("'" + prefix + "key_scope' must be 'tenant' or 'retokenise-' followed by lower-case letters, "
                    + "digits and '-'");
        }
        problems.addAll(engine.get().validate(params.get("policy")));
        return problems;
    }

    /**
     * Prepares the run's transform of {@code input} records of {@code source}, and creates the output dataset or
     * brings it to the transform's schema on behalf of whoever started the run.
     */
    Opened open(StepContext context, Map<?, ?> params, Dataset source, DatasetSchema input) {
        Deidentification deidentification = engine.orElseThrow(() -> StepFailure.permanent(NOT_INSTALLED));
        String keyScope = params.get("key_scope") instanceof String scope ? scope : TENANT_SCOPE;
        Deidentification.Transform transform;
        try {
            transform = deidentification.open(StepParams.tenant(context), keyScope, input.schema(), params.get("policy"));
        } catch (IllegalArgumentException e) {
            throw StepFailure.permanent("the policy does not fit dataset " + source.name() + ": " + e.getMessage());
        }
        DatasetSchema output = outputDataset(context, params, source, transform);
        Map<String, Object> lineage = new LinkedHashMap<>(transform.lineage());
        lineage.put("source_dataset_id", source.id().toString());
        lineage.put("source_schema_version", Integer.toString(input.version()));
        return new Opened(transform, output, lineage);
    }

    private DatasetSchema outputDataset(StepContext context, Map<?, ?> params, Dataset source,
            Deidentification.Transform transform) {
        String name = params.get("output_dataset").toString();
        boolean allowBreaking = Boolean.TRUE.equals(params.get("allow_breaking"));
        if (name.equals(source.name())) {
            throw StepFailure.permanent("'output_dataset' must differ from the dataset being de-identified");
        }
        UUID tenant = StepParams.tenant(context);
        try {
            return catalog.provide(tenant, name, "De-identified from " + source.name(), transform.outputSchema(),
                    allowBreaking, StepParams.startedBy(context), AuditActor.system("pipeline"));
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
}
