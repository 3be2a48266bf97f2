package org.haven.server.audit;

import java.time.Instant;
import java.util.Map;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;

/**
 * Which events an auditor wants: every filter that is set must match (null means any). Times are
 * {@code from <= occurredAt < to}. {@code cursor} is the {@link AuditPage#nextCursor()} of the previous page, null
 * for the first; {@code limit} is the page size, 1 to {@value #MAX_LIMIT}.
 *
 * @throws HavenException with {@code VALIDATION_FAILED} for a limit out of range, {@code from} after {@code to}, a
 *     resource id without its type or an overlong filter
 */
public record AuditQuery(
        String tenantId,
        AuditActor.Type actorType,
        String actorId,
        String action,
        String resourceType,
        String resourceId,
        Decision decision,
        Instant from,
        Instant to,
        String cursor,
        int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;
    private static final int MAX_FILTER_LENGTH = 1024;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalid("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw invalid("from", "from must not be after to");
        }
        if (resourceId != null && resourceType == null) {
            throw invalid("resourceId", "a resource id needs its resource type");
        }
        requireShort("tenantId", tenantId);
        requireShort("actorId", actorId);
        requireShort("action", action);
        requireShort("resourceType", resourceType);
        requireShort("resourceId", resourceId);
        requireShort("cursor", cursor);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void requireShort(String field, String value) {
        if (value != null && value.length() > MAX_FILTER_LENGTH) {
            throw invalid(field, field + " must be at most " + MAX_FILTER_LENGTH + " characters");
        }
    }

    private static HavenException invalid(String field, String detail) {
        return new HavenException(ErrorCode.VALIDATION_FAILED, detail, Map.of("field", field), null);
    }

    public static final class Builder {

        private String tenantId;
        private AuditActor.Type actorType;
        private String actorId;
        private String action;
        private String resourceType;
        private String resourceId;
        private Decision decision;
        private Instant from;
        private Instant to;
        private String cursor;
        private int limit = DEFAULT_LIMIT;

        private Builder() {}

        /** Events whose actor belongs to this tenant. */
        public Builder tenant(String tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        public Builder actor(AuditActor.Type type, String id) {
            this.actorType = type;
            this.actorId = id;
            return this;
        }

        public Builder action(String action) {
            this.action = action;
            return this;
        }

        /** Events about any resource of this type. */
        public Builder resourceType(String type) {
            this.resourceType = type;
            return this;
        }

        public Builder resource(String type, String id) {
            this.resourceType = type;
            this.resourceId = id;
            return this;
        }

        public Builder decision(Decision decision) {
            this.decision = decision;
            return this;
        }

        public Builder from(Instant from) {
            this.from = from;
            return this;
        }

        public Builder to(Instant to) {
            this.to = to;
            return this;
        }

        public Builder cursor(String cursor) {
            this.cursor = cursor;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public AuditQuery build() {
            return new AuditQuery(tenantId, actorType, actorId, action, resourceType, resourceId, decision, from, to, cursor, limit);
        }
    }
}
