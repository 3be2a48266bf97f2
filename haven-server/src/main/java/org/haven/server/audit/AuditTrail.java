package org.haven.server.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;
import org.haven.server.web.RequestIds;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records what happens, with the context of the request it happens in (request id and client address) filled in.
 * Inside a transaction the event commits or rolls back with the change it describes.
 */
@Component
public class AuditTrail {

    private final AuditLog log;

    AuditTrail(AuditLog log) {
        this.log = log;
    }

    public AuditRecord record(AuditActor actor, String action, AuditResource resource, Decision decision, String reason,
            Map<String, String> details) {
        AuditEvent.Builder event = AuditEvent.builder(actor, action, decision, Instant.now())
                .resource(resource)
                .reason(reason)
                .requestId(RequestIds.current())
                .clientAddress(clientAddress());
        details.forEach(event::detail);
        return log.append(event.build());
    }

    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
