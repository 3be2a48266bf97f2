package org.haven.server.pipeline.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.haven.pipelines.PipelineEngine;
import org.haven.pipelines.RunDetails;
import org.haven.pipelines.RunEvent;
import org.haven.pipelines.RunPage;
import org.haven.pipelines.RunQuery;
import org.haven.pipelines.RunStatus;
import org.haven.pipelines.RunSummary;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.Actors;
import org.haven.server.tenancy.Page;
import org.haven.server.web.RequiresPermission;
import org.springframework.http.MediaType;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A tenant's pipeline runs: listed, shown with their steps, their events (as JSON, or streamed as Server-Sent
 * Events until the run ends) and logs; cancelled and retried from the failed step by those who may run pipelines.
 * A run id of another tenant is not found.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/runs")
class RunController {

    private static final int EVENT_PAGE = 500;
    private static final long STREAM_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(30);
    private static final long STREAM_POLL_MILLIS = 250;

    private final PipelineEngine engine;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final ScheduledExecutorService streams = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "run-event-streams");
        thread.setDaemon(true);
        return thread;
    });

    RunController(PipelineEngine engine, AuditTrail audit, TransactionTemplate transactions) {
        this.engine = engine;
        this.audit = audit;
        this.transactions = transactions;
    }

    @GetMapping
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "view")
    Page<RunSummary> list(@PathVariable UUID tenantId, @RequestParam(required = false) String pipeline,
            @RequestParam(required = false) String status, @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        RunStatus wanted = status == null ? null : parseStatus(status);
        RunPage page = PipelineProblems.call(
                () -> engine.listRuns(new RunQuery(tenantId.toString(), pipeline, wanted, cursor, limit)));
        return new Page<>(page.runs(), page.nextCursor());
    }

    @GetMapping("/{runId}")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "view")
    RunDetails get(@PathVariable UUID tenantId, @PathVariable UUID runId) {
        return engine.getRun(tenantId.toString(), runId)
                .orElseThrow(() -> new HavenException(ErrorCode.NOT_FOUND, "No such run"));
    }

    @GetMapping("/{runId}/events")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "view")
    List<RunEvent> events(@PathVariable UUID tenantId, @PathVariable UUID runId,
            @RequestParam(defaultValue = "0") long after) {
        get(tenantId, runId);
        return engine.events(tenantId.toString(), runId, after, EVENT_PAGE);
    }

    /**
     * The run's events as Server-Sent Events: those after {@code after} (or the {@code Last-Event-ID} a reconnecting
     * client sends), then each new one as it happens, until the run has ended and its last event is sent. The event
     * id is its sequence number, so a client that reconnects misses nothing.
     */
    @GetMapping(path = "/{runId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "view")
    SseEmitter stream(@PathVariable UUID tenantId, @PathVariable UUID runId,
            @RequestParam(defaultValue = "0") long after,
            @RequestHeader(name = "Last-Event-ID", required = false)
            Long lastEventId) {
        get(tenantId, runId);
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MILLIS);
        AtomicLong sent = new AtomicLong(lastEventId != null ? lastEventId : after);
        AtomicReference<ScheduledFuture<?>> poll = new AtomicReference<>();
        Runnable stop = () -> {
            ScheduledFuture<?> task = poll.get();
            if (task != null) {
                task.cancel(false);
            }
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(error -> stop.run());
        poll.set(streams.scheduleWithFixedDelay(() -> {
            try {
                // Read the status before the events: a run that has ended has written its last event already.
                boolean finished = engine.getRun(tenantId.toString(), runId)
                        .map(details -> details.run().status().isFinished()).orElse(true);
                for (RunEvent event : engine.events(tenantId.toString(), runId, sent.get(), EVENT_PAGE)) {
                    emitter.send(SseEmitter.event().id(Long.toString(event.sequence()))
                            .name(event.type().name().toLowerCase(Locale.ROOT).replace('_', '.'))
                            .data(event, MediaType.APPLICATION_JSON));
                    sent.set(event.sequence());
                }
                if (finished && engine.events(tenantId.toString(), runId, sent.get(), 1).isEmpty()) {
                    stop.run();
                    emitter.complete();
                }
            } catch (IOException | IllegalStateException clientGone) {
                stop.run();
            } catch (RuntimeException e) {
                stop.run();
                emitter.completeWithError(e);
            }
        }, 0, STREAM_POLL_MILLIS, TimeUnit.MILLISECONDS));
        return emitter;
    }

    @GetMapping("/{runId}/logs")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "view")
    List<RunEvent> logs(@PathVariable UUID tenantId, @PathVariable UUID runId,
            @RequestParam(defaultValue = "0") long after) {
        get(tenantId, runId);
        return engine.logs(tenantId.toString(), runId, after, EVENT_PAGE);
    }

    @PostMapping("/{runId}/cancel")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "manage_datasets")
    RunSummary cancel(@PathVariable UUID tenantId, @PathVariable UUID runId) {
        return change(tenantId, runId, "pipeline.run.cancel", () -> engine.cancel(tenantId.toString(), runId));
    }

    /** Resumes a failed run from its failed step; the steps that succeeded are not run again. */
    @PostMapping("/{runId}/retry")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "manage_datasets")
    RunSummary retry(@PathVariable UUID tenantId, @PathVariable UUID runId) {
        RunSummary retried = change(tenantId, runId, "pipeline.run.retry", () -> engine.retry(tenantId.toString(), runId));
        engine.admitQueuedRuns();
        return retried;
    }

    private RunSummary change(UUID tenantId, UUID runId, String action, Supplier<RunSummary> change) {
        return transactions.execute(status -> {
            RunSummary summary = PipelineProblems.call(change);
            audit.record(Actors.current(), action, new AuditResource("pipeline_run", runId.toString()),
                    Decision.SUCCEEDED, null, Map.of("status", summary.status().name()));
            return summary;
        });
    }

    private static RunStatus parseStatus(String status) {
        try {
            return RunStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED,
                    "status must be one of queued, running, succeeded, failed, cancelled");
        }
    }
}
