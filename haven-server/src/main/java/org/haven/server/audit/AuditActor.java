package org.haven.server.audit;

import java.util.Objects;

/**
 * Who acted: a user (by their OIDC subject), an app (by its id), an unauthenticated caller, or Haven itself (by
 * the component's name). The tenant is the actor's own, null for anonymous and system actors.
 */
public record AuditActor(Type type, String id, String tenantId, String displayName) {

    public enum Type {
        USER,
        APP,
        ANONYMOUS,
        SYSTEM
    }

    public AuditActor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static AuditActor user(String subject, String tenantId, String displayName) {
        return new AuditActor(Type.USER, subject, tenantId, displayName);
    }

    public static AuditActor app(String appId, String tenantId, String displayName) {
        return new AuditActor(Type.APP, appId, tenantId, displayName);
    }

    public static AuditActor anonymous() {
        return new AuditActor(Type.ANONYMOUS, "anonymous", null, null);
    }

    public static AuditActor system(String component) {
        return new AuditActor(Type.SYSTEM, component, null, null);
    }
}
