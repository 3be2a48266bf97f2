package org.haven.server.pipeline.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.haven.authz.ObjectRef;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipUpdate;
import org.haven.authz.SubjectRef;
import org.haven.pipelines.StepContext;
import org.haven.pipelines.StepFailure;
import org.haven.pipelines.StepResult;
import org.haven.pipelines.StepType;
import org.haven.server.audit.AuditActor;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.authz.Authorizer;
import org.haven.server.catalog.CatalogService;
import org.haven.server.catalog.Dataset;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.tenancy.TenantService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code share}: lets another tenant see the dataset the run published (seed 001: a local authority shares chosen
 * outputs with its regional body). It writes {@code dataset#shared_with} and its audit event in one transaction;
 * sharing again is harmless. The owner revokes it like any other grant.
 *
 * <p>Params: {@code tenant} (id of the tenant to share with, required).
 */
@Component
class ShareStep implements StepType {

    private final CatalogService catalog;
    private final TenantService tenants;
    private final Authorizer authorizer;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;

    ShareStep(CatalogService catalog, TenantService tenants, Authorizer authorizer, AuditTrail audit,
            TransactionTemplate transactions) {
        this.catalog = catalog;
        this.tenants = tenants;
        this.authorizer = authorizer;
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return "share";
    }

    @Override
    public List<String> validate(Map<String, Object> params) {
        List<String> problems = new ArrayList<>(StepParams.unknownKeys(params, Set.of("tenant")));
        if (!StepParams.isUuid(params.get("tenant"))) {
            problems.add("'tenant' must be the id of the tenant to share with");
        }
        return problems;
    }

    @Override
    public StepResult execute(StepContext context) {
        Map<String, Object> published = Upstream.withKey(context, "dataset_id");
        Dataset dataset = Upstream.datasetOfTenant(catalog, context,
                UUID.fromString(published.get("dataset_id").toString()));
        UUID target = StepParams.uuidParam(context, "tenant");
        try {
            tenants.get(target);
        } catch (HavenException e) {
            if (e.errorCode() == ErrorCode.NOT_FOUND) {
                throw StepFailure.permanent("there is no tenant " + target + " to share with");
            }
            throw e;
        }
        transactions.executeWithoutResult(status -> {
            authorizer.write(List.of(RelationshipUpdate.touch(Relationship.of(
                    ObjectRef.of("dataset", dataset.id().toString()), "shared_with",
                    SubjectRef.object("tenant", target.toString())))));
            audit.record(AuditActor.system("pipeline"), "dataset.share",
                    new AuditResource("dataset", dataset.id().toString()), Decision.SUCCEEDED, null,
                    Map.of("shared_with", target.toString(), "run_id", context.runId().toString(),
                            "started_by", StepParams.startedBy(context)));
        });
        context.log("shared dataset " + dataset.id() + " with tenant " + target);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("dataset_id", dataset.id().toString());
        output.put("shared_with", target.toString());
        return StepResult.of(output);
    }
}
