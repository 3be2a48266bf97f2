package org.haven.server.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened and must be accounted for.
 *
 * <ul>
 *   <li>{@code action}: dotted lowercase, e.g. {@code tenant.create}, {@code access.denied}.</li>
 *   <li>{@code resource}: what the action was about; null when it was about nothing in particular (a login).</li>
 *   <li>{@code reason}: the permission path that allowed or denied, or why an operation failed.</li>
 *   <li>{@code requestId}, {@code clientAddress}: the request the event came from; null for background work.</li>
 *   <li>{@code details}: a few short facts worth keeping (a row count, the version created); never a secret.</li>
 * </ul>
 *
 * The time is kept to the microsecond, as PostgreSQL stores it, so an event reads back exactly as it was appended.
 * Limits on lengths and sizes are checked by {@link AuditLog#append}.
 */
public record AuditEvent(
        AuditActor actor,
        String action,
        AuditResource resource,
        Decision decision,
        String reason,
        String requestId,
        String clientAddress,
        Instant occurredAt,
        Map<String, String> details) {

    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(decision, "decision");
        occurredAt = Objects.requireNonNull(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MICROS);
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static Builder builder(AuditActor actor, String action, Decision decision, Instant occurredAt) {
        return new Builder(actor, action, decision, occurredAt);
    }

    /** For the optional fields, which most events leave out. */
    public static final class Builder {

        private final AuditActor actor;
        private final String action;
        private final Decision decision;
        private final Instant occurredAt;
        private final Map<String, String> details = new LinkedHashMap<>();
        private AuditResource resource;
        private String reason;
        private String requestId;
        private String clientAddress;

        private Builder(AuditActor actor, String action, Decision decision, Instant occurredAt) {
            this.actor = actor;
            this.action = action;
            this.decision = decision;
            this.occurredAt = occurredAt;
        }

        public Builder resource(String type, String id) {
            this.resource = new AuditResource(type, id);
            return this;
        }

        public Builder resource(AuditResource resource) {
            this.resource = resource;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder clientAddress(String clientAddress) {
            this.clientAddress = clientAddress;
            return this;
        }

        public Builder detail(String key, String value) {
            details.put(key, value);
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(actor, action, resource, decision, reason, requestId, clientAddress, occurredAt, details);
        }
    }
}
