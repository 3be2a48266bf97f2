package org.haven.server.access.internal;

import java.time.Instant;
import org.haven.server.audit.AuditActor;
import org.haven.server.audit.AuditLog;
import org.haven.server.audit.AuditPage;
import org.haven.server.audit.AuditQuery;
import org.haven.server.audit.ChainVerification;
import org.haven.server.audit.Decision;
import org.haven.server.web.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for auditors: search it, and check that nobody has altered it. */
@RestController
class AuditController {

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    record Verification(boolean ok, long eventsChecked, ChainVerification.Break firstBreak) {}

    @GetMapping("/api/v1/audit")
    @RequiresPermission(resourceType = "platform", id = "haven", permission = "audit", visibleWith = "")
    AuditPage search(
            @RequestParam(name = "actor_type", required = false) AuditActor.Type actorType,
            @RequestParam(name = "actor_id", required = false) String actorId,
            @RequestParam(required = false) String action,
            @RequestParam(name = "resource_type", required = false) String resourceType,
            @RequestParam(name = "resource_id", required = false) String resourceId,
            @RequestParam(required = false) Decision decision,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        AuditQuery.Builder query = AuditQuery.builder()
                .actor(actorType, actorId).action(action).decision(decision).from(from).to(to).cursor(cursor);
        if (resourceId != null) {
            query.resource(resourceType, resourceId);
        } else {
            query.resourceType(resourceType);
        }
        if (limit != null) {
            query.limit(limit);
        }
        return log.find(query.build());
    }

    @PostMapping("/api/v1/audit/verify")
    @RequiresPermission(resourceType = "platform", id = "haven", permission = "audit", visibleWith = "")
    Verification verify() {
        ChainVerification verification = log.verify();
        return new Verification(verification.ok(), verification.eventsChecked(), verification.firstBreak());
    }
}
