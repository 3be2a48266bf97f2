package org.haven.server.authz.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.haven.authz.AuthzEngine;
import org.haven.authz.CheckRequest;
import org.haven.authz.CheckResult;
import org.haven.authz.Consistency;
import org.haven.authz.ExpandTree;
import org.haven.authz.LookupResourcesRequest;
import org.haven.authz.ObjectRef;
import org.haven.authz.Permissionship;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipFilter;
import org.haven.authz.RelationshipUpdate;
import org.haven.authz.RevisionToken;
import org.haven.authz.SubjectRef;
import org.haven.authz.schema.Definition;
import org.haven.server.authz.Authorizer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The engine behind {@link Authorizer}. A caveated answer (the context lacks what a caveat needs) counts as "no":
 * a conditional grant is enough only when the request's context satisfies it.
 */
@Service
class EngineAuthorizer implements Authorizer {

    private final AuthzEngine engine;

    EngineAuthorizer(AuthzEngine engine) {
        this.engine = engine;
    }

    @Override
    public boolean check(SubjectRef subject, ObjectRef resource, String permission) {
        return check(subject, resource, permission, Map.of());
    }

    @Override
    public boolean check(SubjectRef subject, ObjectRef resource, String permission, Map<String, Object> context) {
        CheckRequest request = CheckRequest.of(resource, permission, subject).withContext(context);
        return engine.check(request).permissionship() == Permissionship.HAS_PERMISSION;
    }

    @Override
    public Map<String, Boolean> permissions(SubjectRef subject, ObjectRef resource, Collection<String> permissions) {
        List<CheckRequest> requests = permissions.stream().map(permission -> CheckRequest.of(resource, permission, subject)).toList();
        List<CheckResult> results = engine.checkBulk(requests);
        Map<String, Boolean> answer = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            answer.put(requests.get(i).permission(), results.get(i).permissionship() == Permissionship.HAS_PERMISSION);
        }
        return answer;
    }

    @Override
    public List<String> lookupResources(SubjectRef subject, String resourceType, String permission) {
        List<String> ids = new ArrayList<>();
        engine.lookupResources(LookupResourcesRequest.of(resourceType, permission, subject)).forEach(result -> {
            if (result.result().permissionship() == Permissionship.HAS_PERMISSION) {
                ids.add(result.resource().id());
            }
        });
        return ids;
    }

    @Override
    public void write(List<RelationshipUpdate> updates) {
        if (!updates.isEmpty()) {
            catchUpAfterCommit(engine.write(updates));
        }
    }

    @Override
    public void delete(RelationshipFilter filter) {
        catchUpAfterCommit(engine.deleteRelationships(filter, List.of()));
    }

    @Override
    public List<Relationship> read(RelationshipFilter filter) {
        return engine.readRelationships(filter, Consistency.fullyConsistent());
    }

    @Override
    public ExpandTree expand(ObjectRef resource, String permission) {
        return engine.expand(resource, permission, Consistency.minimizeLatency());
    }

    @Override
    public List<String> permissionsOf(String resourceType) {
        Definition definition = engine.schema().definition(resourceType);
        return definition == null ? List.of() : List.copyOf(definition.permissions().keySet());
    }

    /**
     * A write inside a transaction is not visible to the engine's view until the transaction commits; bring the
     * view up to it right after the commit, so the rest of this request (and the next one) sees it.
     */
    private void catchUpAfterCommit(RevisionToken revision) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    engine.catchUp(revision);
                }
            });
        } else {
            engine.catchUp(revision);
        }
    }
}
