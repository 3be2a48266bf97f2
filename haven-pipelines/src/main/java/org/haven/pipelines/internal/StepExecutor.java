package org.haven.pipelines.internal;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.haven.pipelines.RunEventType;
import org.haven.pipelines.RunStatus;
import org.haven.pipelines.StepFailure;
import org.haven.pipelines.StepResult;
import org.haven.pipelines.StepStatus;
import org.haven.pipelines.StepType;
import org.haven.pipelines.StepTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step attempt for a db-scheduler execution named {@code <run id>/<step id>/<run retries>}. db-scheduler guarantees one
 * holder per execution (and heartbeats it), so a step never runs twice at once; the run's rows in PostgreSQL say
 * which attempt this is and whether it is still wanted, so a redelivered execution never repeats a settled step.
 * The step itself runs on a separate thread so that a timeout or a cancel can interrupt it; the execution is held
 * until that thread has really ended.
 */
final class StepExecutor implements ExecutionHandler<Void> {

    private static final Logger LOG = LoggerFactory.getLogger(StepExecutor.class);
    static final int MAX_OUTPUT_CHARS = 64 * 1024;

    private final Transactions transactions;
    private final RunCoordinator coordinator;
    private final StepTypes stepTypes;
    private final ExecutorService stepThreads;
    private final Duration cancelCheckInterval;
    private final Map<UUID, Set<StepAttemptContext>> runningHere = new ConcurrentHashMap<>();
    private final Map<StepAttemptContext, Future<?>> futures = new ConcurrentHashMap<>();

    StepExecutor(Transactions transactions, RunCoordinator coordinator, StepTypes stepTypes, ExecutorService stepThreads,
                 Duration cancelCheckInterval) {
        this.transactions = transactions;
        this.coordinator = coordinator;
        this.stepTypes = stepTypes;
        this.stepThreads = stepThreads;
        this.cancelCheckInterval = cancelCheckInterval;
    }

    @Override
    public CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext executionContext) {
        String id = instance.getId();
        String[] parts = id.split("/"); // <run id>/<step id>/<retries>
        UUID runId = UUID.fromString(parts[0]);
        String stepId = parts[1];
        int retries = Integer.parseInt(parts[2]);
        RunCoordinator.AttemptPlan plan = transactions.inTransaction(
                tx -> coordinator.beginAttempt(tx, runId, stepId, retries));
        if (plan instanceof RunCoordinator.Skip skip) {
            LOG.debug("dropping execution {}: {}", id, skip.reason());
            return (complete, operations) -> operations.remove();
        }
        if (plan instanceof RunCoordinator.WaitUntil wait) {
            return (complete, operations) -> operations.reschedule(complete, wait.when());
        }
        RunCoordinator.Execute execute = (RunCoordinator.Execute) plan;
        RunCoordinator.Outcome outcome = run(execute);
        Optional<Instant> retryAt = transactions.inTransaction(
                tx -> coordinator.completeAttempt(tx, runId, stepId, execute.attempt(), outcome));
        if (retryAt.isPresent()) {
            return (complete, operations) -> operations.reschedule(complete, retryAt.get());
        }
        return (complete, operations) -> operations.remove();
    }

    /** Interrupts this process's running attempts of the run; other processes notice through the run row. */
    void cancelLocal(UUID runId) {
        for (StepAttemptContext context : runningHere.getOrDefault(runId, Set.of())) {
            context.markCancelled();
            Future<?> future = futures.get(context);
            if (future != null) {
                future.cancel(true);
            }
        }
    }

    private RunCoordinator.Outcome run(RunCoordinator.Execute plan) {
        StepType type = stepTypes.find(plan.step().type()).orElse(null);
        if (type == null) {
            return new RunCoordinator.Failed("step type '" + plan.step().type() + "' is not available", false);
        }
        UUID runId = plan.run().runId();
        StepAttemptContext context = new StepAttemptContext(plan, message -> log(plan, message),
                () -> attemptUnwanted(plan), cancelCheckInterval);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<Object> result = new AtomicReference<>();
        Future<?> future = stepThreads.submit(() -> {
            try {
                result.set(type.execute(context));
            } catch (Throwable e) {
                result.set(e);
            } finally {
                ended.countDown();
            }
        });
        runningHere.computeIfAbsent(runId, key -> ConcurrentHashMap.newKeySet()).add(context);
        futures.put(context, future);
        boolean timedOut = false;
        try {
            long deadline = System.nanoTime() + plan.step().timeout().toNanos();
            while (!ended.await(Math.min(cancelCheckInterval.toNanos(), Math.max(1, deadline - System.nanoTime())),
                    TimeUnit.NANOSECONDS)) {
                if (System.nanoTime() >= deadline) {
                    timedOut = true;
                    future.cancel(true);
                    break;
                }
                if (context.isCancelled()) {
                    future.cancel(true);
                    break;
                }
            }
            awaitEnd(ended, plan);
        } catch (InterruptedException e) {
            // The scheduler is shutting down: stop the step and leave the execution to be resumed.
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running step " + plan.step().id(), e);
        } finally {
            runningHere.computeIfPresent(runId, (key, set) -> {
                set.remove(context);
                return set.isEmpty() ? null : set;
            });
            futures.remove(context);
        }
        if (timedOut) {
            return new RunCoordinator.Failed("timed out after " + plan.step().timeout(), true);
        }
        if (context.cancelSeen()) {
            return new RunCoordinator.Cancelled();
        }
        return outcome(result.get());
    }

    /** Waits for an interrupted step to stop before the execution is let go, so no later attempt overlaps it. */
    private static void awaitEnd(CountDownLatch ended, RunCoordinator.Execute plan) throws InterruptedException {
        while (!ended.await(10, TimeUnit.SECONDS)) {
            LOG.warn("step {} of run {} ignores interruption; still waiting for it to stop", plan.step().id(),
                    plan.run().runId());
        }
    }

    private static RunCoordinator.Outcome outcome(Object result) {
        if (result instanceof StepResult stepResult) {
            String json;
            try {
                json = Json.canonical(stepResult.output());
            } catch (IllegalArgumentException e) {
                return new RunCoordinator.Failed("step output is not JSON: " + e.getMessage(), false);
            }
            if (json.length() > MAX_OUTPUT_CHARS) {
                return new RunCoordinator.Failed("step output is larger than " + MAX_OUTPUT_CHARS + " characters", false);
            }
            return new RunCoordinator.Succeeded(stepResult.output());
        }
        if (result == null) {
            return new RunCoordinator.Succeeded(Map.of());
        }
        if (result instanceof StepFailure failure) {
            return new RunCoordinator.Failed(failure.getMessage(), failure.isRetryable());
        }
        if (result instanceof ExecutionException e && e.getCause() != null) {
            return outcome(e.getCause());
        }
        Throwable error = (Throwable) result;
        return new RunCoordinator.Failed(error.getClass().getSimpleName() + ": " + error.getMessage(), true);
    }

    private void log(RunCoordinator.Execute plan, String message) {
        String line = message == null ? "" : message.length() > 4000 ? message.substring(0, 4000) + "…" : message;
        transactions.inTransaction(tx -> coordinator.runs().appendEvent(tx, plan.run().tenantId(), plan.run().runId(),
                RunEventType.STEP_LOG, plan.step().id(), plan.attempt(), line, Map.of(), coordinator.now()));
    }

    /**
     * True when the attempt should stop: the run was cancelled, or the step row no longer expects this attempt (this
     * process stalled past the dead-execution limit and another one took the step over). A store that cannot be
     * reached stops nothing: the attempt carries on and its outcome is checked when it is recorded.
     */
    private boolean attemptUnwanted(RunCoordinator.Execute plan) {
        try {
            return transactions.inTransaction(tx -> {
                boolean cancelled = coordinator.runs().findRun(tx, plan.run().tenantId(), plan.run().runId())
                        .map(run -> run.status() == RunStatus.CANCELLED).orElse(true);
                boolean superseded = coordinator.runs().step(tx, plan.run().tenantId(), plan.run().runId(),
                        plan.step().id()).map(step -> step.status() != StepStatus.RUNNING
                        || step.attempt() != plan.attempt()).orElse(true);
                if (superseded && !cancelled) {
                    LOG.warn("attempt {} of step {} of run {} was taken over elsewhere; stopping it here",
                            plan.attempt(), plan.step().id(), plan.run().runId());
                }
                return cancelled || superseded;
            });
        } catch (RuntimeException e) {
            LOG.warn("could not check whether step {} of run {} is still wanted: {}", plan.step().id(),
                    plan.run().runId(), e.toString());
            return false;
        }
    }
}
