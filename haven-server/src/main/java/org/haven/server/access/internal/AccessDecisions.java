package org.haven.server.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.haven.authz.ObjectRef;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.identity.Actors;
import org.springframework.stereotype.Component;

/**
 * Every access decision on an endpoint goes to the audit log: who asked for which permission on what, through
 * which request, and whether it was granted.
 */
@Component
class AccessDecisions {

    private final AuditTrail audit;

    AccessDecisions(AuditTrail audit) {
        this.audit = audit;
    }

    void allowed(ObjectRef resource, String permission, HttpServletRequest request) {
        audit.record(Actors.current(), "access." + permission, new AuditResource(resource.type(), resource.id()), Decision.ALLOWED,
                "holds " + permission, request(request));
    }

    void denied(ObjectRef resource, String permission, String reason, HttpServletRequest request) {
        audit.record(Actors.current(), "access." + permission, new AuditResource(resource.type(), resource.id()), Decision.DENIED,
                reason, request(request));
    }

    /** Endpoints that authorise on their data (lists filtered to what the caller may see, the caller's own profile). */
    void scoped(String rule, HttpServletRequest request) {
        audit.record(Actors.current(), "access.scoped", null, Decision.ALLOWED, rule, request(request));
    }

    private static Map<String, String> request(HttpServletRequest request) {
        return Map.of("method", request.getMethod(), "path", request.getRequestURI());
    }
}
