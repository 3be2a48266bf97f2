package org.haven.pipelines.internal;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.haven.pipelines.StepContext;

/** The {@link StepContext} of one attempt; cancellation is a local flag plus a throttled look at the run row. */
final class StepAttemptContext implements StepContext {

    private final RunCoordinator.Execute plan;
    private final Consumer<String> log;
    private final BooleanSupplier cancelledInStore;
    private final long checkEveryNanos;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile long lastCheck = System.nanoTime();

    StepAttemptContext(RunCoordinator.Execute plan, Consumer<String> log, BooleanSupplier cancelledInStore,
                       Duration checkEvery) {
        this.plan = plan;
        this.log = log;
        this.cancelledInStore = cancelledInStore;
        this.checkEveryNanos = checkEvery.toNanos();
    }

    void markCancelled() {
        cancelled.set(true);
    }

    /** Whether a cancel was already seen, without looking at the store. */
    boolean cancelSeen() {
        return cancelled.get();
    }

    @Override
    public UUID runId() {
        return plan.run().runId();
    }

    @Override
    public String tenantId() {
        return plan.run().tenantId();
    }

    @Override
    public String pipelineName() {
        return plan.run().pipelineName();
    }

    @Override
    public int pipelineVersion() {
        return plan.run().pipelineVersion();
    }

    @Override
    public String stepId() {
        return plan.step().id();
    }

    @Override
    public int attempt() {
        return plan.attempt();
    }

    @Override
    public Map<String, Object> params() {
        return plan.step().params();
    }

    @Override
    public Map<String, String> inputs() {
        return plan.run().inputs();
    }

    @Override
    public Map<String, Map<String, Object>> upstreamOutputs() {
        return plan.upstream();
    }

    @Override
    public String workspacePrefix() {
        return plan.run().workspacePrefix();
    }

    @Override
    public boolean isCancelled() {
        if (cancelled.get()) {
            return true;
        }
        long now = System.nanoTime();
        if (now - lastCheck >= checkEveryNanos) {
            lastCheck = now;
            if (cancelledInStore.getAsBoolean()) {
                cancelled.set(true);
            }
        }
        return cancelled.get();
    }

    @Override
    public void log(String message) {
        log.accept(message);
    }
}
