package org.haven.server.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.haven.server.audit.internal.GroupCommitAppender;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.web.RequestIds;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records what happens, with the context of the request it happens in (request id and client address) filled in.
 * Inside a transaction the event commits or rolls back with the change it describes. Outside one (access decisions,
 * sign-ins) it joins the next group commit; either way the call returns only once the event is durable.
 */
@Component
public class AuditTrail {

    private static final long COMMIT_WAIT_SECONDS = 30;

    private final AuditLog log;
    private final GroupCommitAppender groupCommit;

    AuditTrail(AuditLog log, GroupCommitAppender groupCommit) {
        this.log = log;
        this.groupCommit = groupCommit;
    }

    public AuditRecord record(AuditActor actor, String action, AuditResource resource, Decision decision, String reason,
            Map<String, String> details) {
        AuditEvent.Builder event = AuditEvent.builder(actor, action, decision, Instant.now())
                .resource(resource)
                .reason(reason)
                .requestId(RequestIds.current())
                .clientAddress(clientAddress());
        details.forEach(event::detail);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return log.append(event.build());
        }
        return awaitCommit(groupCommit.submit(event.build()));
    }

    private static AuditRecord awaitCommit(CompletableFuture<AuditRecord> committed) {
        try {
            return committed.get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new HavenException(ErrorCode.UNAVAILABLE, "The audit log could not be written", e.getCause());
        } catch (TimeoutException e) {
            throw new HavenException(ErrorCode.UNAVAILABLE, "The audit log is not answering; try again shortly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HavenException(ErrorCode.UNAVAILABLE, "Interrupted while auditing", e);
        }
    }

    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
