package org.haven.server.audit.internal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.haven.server.audit.AuditActor;
import org.haven.server.audit.AuditEvent;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.Decision;

/**
 * An event at its place in the chain, field by field as stored. Verification hashes what is stored, whatever it
 * is, so nothing here is validated and detail values may even be null (only a tampered row has one).
 */
record ChainedEvent(
        long sequence,
        String actorType,
        String actorId,
        String tenantId,
        String actorDisplayName,
        String action,
        String resourceType,
        String resourceId,
        String decision,
        String reason,
        String requestId,
        String clientAddress,
        Instant occurredAt,
        Map<String, String> details) {

    ChainedEvent {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    static ChainedEvent of(long sequence, AuditEvent event) {
        AuditActor actor = event.actor();
        AuditResource resource = event.resource();
        return new ChainedEvent(sequence, actor.type().name(), actor.id(), actor.tenantId(), actor.displayName(),
                event.action(), resource == null ? null : resource.type(), resource == null ? null : resource.id(),
                event.decision().name(), event.reason(), event.requestId(), event.clientAddress(), event.occurredAt(),
                event.details());
    }

    AuditEvent toEvent() {
        AuditActor actor = new AuditActor(AuditActor.Type.valueOf(actorType), actorId, tenantId, actorDisplayName);
        AuditResource resource = resourceType == null ? null : new AuditResource(resourceType, resourceId);
        return new AuditEvent(actor, action, resource, Decision.valueOf(decision), reason, requestId, clientAddress,
                occurredAt, details);
    }
}
