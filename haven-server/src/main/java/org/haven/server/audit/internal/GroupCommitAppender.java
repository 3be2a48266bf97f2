package org.haven.server.audit.internal;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.haven.server.audit.AuditEvent;
import org.haven.server.audit.AuditLog;
import org.haven.server.audit.AuditRecord;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Group commit for events that belong to no business transaction (access decisions, sign-ins). The chain is one
 * line, so appends are serial; writing each in its own transaction would cap the whole server at one commit (one
 * fsync) per request. Instead one writer thread takes whatever events are waiting and appends them in a single
 * transaction. A caller still waits until its event is committed, so no answer leaves the server before its audit
 * record is durable; it only shares the commit with its neighbours.
 */
@Component
public class GroupCommitAppender {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitAppender.class);
    static final int MAX_BATCH = 500;
    private static final int MAX_WAITING = 10_000;

    private final AuditLog auditLog;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
    private final Thread writer;
    private volatile boolean running = true;

    GroupCommitAppender(AuditLog auditLog) {
        this.auditLog = auditLog;
        this.writer = new Thread(this::writeBatches, "audit-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    /** Appends the event in the next batch; the future completes once that batch has committed. */
    public CompletableFuture<AuditRecord> submit(AuditEvent event) {
        Pending pending = new Pending(event, new CompletableFuture<>());
        try {
            if (!running || !waiting.offer(pending, 5, TimeUnit.SECONDS)) {
                throw new HavenException(ErrorCode.UNAVAILABLE, "The audit log is not keeping up; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HavenException(ErrorCode.UNAVAILABLE, "Interrupted while auditing", e);
        }
        return pending.done();
    }

    private void writeBatches() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !waiting.isEmpty()) {
            try {
                Pending first = waiting.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            List<AuditRecord> records = auditLog.appendAll(batch.stream().map(Pending::event).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(records.get(i));
            }
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(batchFailed);
                return;
            }
            // One bad event must not fail its neighbours: give each its own transaction and its own answer.
            log.debug("Audit batch of {} failed; appending one by one", batch.size(), batchFailed);
            for (Pending pending : batch) {
                try {
                    pending.done().complete(auditLog.append(pending.event()));
                } catch (RuntimeException failed) {
                    pending.done().completeExceptionally(failed);
                }
            }
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        writer.join(TimeUnit.SECONDS.toMillis(30));
    }

    private record Pending(AuditEvent event, CompletableFuture<AuditRecord> done) {}
}
