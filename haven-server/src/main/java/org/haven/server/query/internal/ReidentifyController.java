package org.haven.server.query.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.haven.datasets.DatasetManifest;
import org.haven.privacy.KeyRing;
import org.haven.privacy.KeyScope;
import org.haven.privacy.PrivacyPolicy;
import org.haven.privacy.Reidentifier;
import org.haven.schema.Schema;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.catalog.CatalogService;
import org.haven.server.catalog.DatasetVersion;
import org.haven.server.catalog.DatasetVersions;
import org.haven.server.catalog.VersionStorage;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.FieldErrors;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.Actors;
import org.haven.server.sharing.DatasetGrant;
import org.haven.server.sharing.DatasetGrants;
import org.haven.server.sharing.ResultType;
import org.haven.server.web.RequiresPermission;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The way back from pseudonyms to values, for a version a pipeline's {@code deidentify} step wrote, or for what a
 * project read of a version through its pseudonymised grant ({@code project_id}): only fields the policy
 * pseudonymised or encrypted can be reversed (tokens and generalised values cannot), only by those with
 * {@code reidentify} on the dataset (the owner's {@code reidentifier} role), and only with a stated reason, which the audit
 * event keeps together with the field and the number of values asked and revealed (never the values).
 */
@RestController
class ReidentifyController {

    static final int MAX_VALUES = 1000;

    private final CatalogService catalog;
    private final DatasetVersions versions;
    private final VersionStorage storage;
    private final DatasetGrants grants;
    private final KeyRing keys;
    private final AuditTrail audit;

    ReidentifyController(CatalogService catalog, DatasetVersions versions, VersionStorage storage, DatasetGrants grants,
            KeyRing keys, AuditTrail audit) {
        this.catalog = catalog;
        this.grants = grants;
        this.versions = versions;
        this.storage = storage;
        this.keys = keys;
        this.audit = audit;
    }

    /** @param projectId for pseudonyms a project read through its grant; absent for a deidentify step's output */
    record ReidentifyRequest(String field, List<String> values, String reason, UUID projectId) {}

    /** @param value null when the pseudonym was not made for this field of this tenant */
    record Revealed(String pseudonym, String value) {}

    record Reidentified(String field, List<Revealed> values) {}

    @PostMapping("/api/v1/datasets/{datasetId}/versions/{version}/reidentify")
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "reidentify")
    Reidentified reidentify(@PathVariable UUID datasetId, @PathVariable int version, @RequestBody ReidentifyRequest request) {
        check(request);
        DatasetVersion found = versions.get(datasetId, version);
        DatasetManifest manifest = DatasetManifest.read(storage.localCopy(found));
        Reidentifier reidentifier = request.projectId() == null
                ? ofPipelineOutput(found, manifest)
                : ofProjectRead(found, manifest, request.projectId());
        List<Revealed> revealed = new ArrayList<>();
        try {
            for (String value : request.values()) {
                Optional<Object> original = reidentifier.reidentify(request.field(), value);
                revealed.add(new Revealed(value, original.map(ReidentifyController::text).orElse(null)));
            }
        } catch (IllegalArgumentException e) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, e.getMessage());
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("version", Integer.toString(version));
        details.put("field", request.field());
        if (request.projectId() != null) {
            details.put("project_id", request.projectId().toString());
        }
        details.put("asked", Integer.toString(request.values().size()));
        details.put("revealed", Long.toString(revealed.stream().filter(value -> value.value() != null).count()));
        audit.record(Actors.current(), "dataset.reidentify", new AuditResource("dataset", datasetId.toString()),
                Decision.SUCCEEDED, request.reason().strip(), details);
        return new Reidentified(request.field(), revealed);
    }

    /** Pseudonyms a deidentify step wrote: its policy, source schema and key scope are in the version's lineage. */
    private Reidentifier ofPipelineOutput(DatasetVersion found, DatasetManifest manifest) {
        Map<String, String> lineage = manifest.lineage().parameters();
        String policy = lineage.get("deidentify.policy");
        String keyScope = lineage.get("deidentify.key_scope");
        if (policy == null || keyScope == null) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, "Version " + found.version()
                    + " was not written by a deidentify step; name the project whose pseudonyms these are");
        }
        Schema source = catalog.schema(UUID.fromString(lineage.get("deidentify.source_dataset_id")),
                Integer.parseInt(lineage.get("deidentify.source_schema_version"))).schema();
        return Reidentifier.of(source, PrivacyPolicy.parse(policy), keys, new KeyScope(found.tenantId().toString(), keyScope));
    }

    /** Pseudonyms a project read through its pseudonymised grant: the grant's policy, in the project's key scope. */
    private Reidentifier ofProjectRead(DatasetVersion found, DatasetManifest manifest, UUID projectId) {
        DatasetGrant grant = grants.ofProject(found.datasetId(), projectId)
                .filter(candidate -> candidate.resultType() == ResultType.PSEUDONYMISED)
                .orElseThrow(() -> new HavenException(ErrorCode.VALIDATION_FAILED,
                        "Project " + projectId + " has no pseudonymised grant of this dataset"));
        PrivacyPolicy policy = grant.policy() == null ? PrivacyPolicy.standard() : PrivacyPolicy.parse(grant.policy().toString());
        return Reidentifier.of(manifest.schema(), policy, keys,
                KeyScope.project(found.tenantId().toString(), projectId.toString()));
    }

    private static void check(ReidentifyRequest request) {
        FieldErrors errors = new FieldErrors();
        if (request.field() == null || request.field().isBlank()) {
            errors.add("field", "is required: the field whose pseudonyms to reverse");
        }
        if (request.values() == null || request.values().isEmpty() || request.values().size() > MAX_VALUES) {
            errors.add("values", "must hold 1 to " + MAX_VALUES + " pseudonyms");
        } else if (request.values().stream().anyMatch(value -> value == null || value.isBlank() || value.length() > 1000)) {
            errors.add("values", "each must be a pseudonym of at most 1000 characters");
        }
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.length() < 10 || reason.length() > 500) {
            errors.add("reason", "must say why, in 10 to 500 characters; it is kept in the audit log");
        }
        errors.check("request");
    }

    private static String text(Object value) {
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }

}
