package org.haven.server.identity;

import org.haven.server.audit.AuditActor;

/** Principals as the audit log names them. */
public final class Actors {

    private Actors() {}

    public static AuditActor of(Principal principal) {
        if (principal instanceof Principal.App app) {
            return AuditActor.app(app.id().toString(), app.tenantId().toString(), app.name());
        }
        Principal.User user = (Principal.User) principal;
        return AuditActor.user(user.id().toString(), null, user.displayName());
    }

    /** The caller of the current request, or anonymous before authentication. */
    public static AuditActor current() {
        return CurrentPrincipal.find().map(Actors::of).orElseGet(AuditActor::anonymous);
    }
}
