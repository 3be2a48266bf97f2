package org.haven.pipelines;

import java.time.Duration;
import java.util.Objects;

/**
 * Engine settings.
 *
 * @param pollInterval how often each process looks for due step executions (db-scheduler polling)
 * @param threads step attempts one process runs at the same time
 * @param heartbeatInterval how often a process marks its running steps alive
 * @param missedHeartbeatsLimit after this many missed heartbeats a running step is dead and runs again elsewhere
 * @param maxRunningRuns runs in the RUNNING state across all processes and tenants
 * @param workspaceRetention how long the workspace of a failed or cancelled run is kept for inspection
 * @param cleanupInterval how often workspaces past their retention are deleted
 * @param cronCheckInterval how often cron triggers are evaluated (fire times are exact; this is the latency)
 * @param admissionSweepInterval how often each process admits queued runs it was not told about
 * @param defaultRetry retry policy of steps that declare none
 * @param defaultTimeout timeout of one step attempt when the step declares none
 * @param maxStepTimeout the longest timeout a definition may ask for
 */
public record PipelineSettings(Duration pollInterval, int threads, Duration heartbeatInterval, int missedHeartbeatsLimit,
                               int maxRunningRuns, Duration workspaceRetention, Duration cleanupInterval,
                               Duration cronCheckInterval, Duration admissionSweepInterval, RetryPolicy defaultRetry,
                               Duration defaultTimeout, Duration maxStepTimeout) {

    public PipelineSettings {
        positive(pollInterval, "pollInterval");
        positive(heartbeatInterval, "heartbeatInterval");
        positive(cleanupInterval, "cleanupInterval");
        positive(cronCheckInterval, "cronCheckInterval");
        positive(admissionSweepInterval, "admissionSweepInterval");
        positive(defaultTimeout, "defaultTimeout");
        positive(maxStepTimeout, "maxStepTimeout");
        Objects.requireNonNull(workspaceRetention, "workspaceRetention");
        Objects.requireNonNull(defaultRetry, "defaultRetry");
        if (workspaceRetention.isNegative()) {
            throw new IllegalArgumentException("workspaceRetention must not be negative");
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be between 1 and 256, was " + threads);
        }
        if (missedHeartbeatsLimit < 4) {
            throw new IllegalArgumentException("missedHeartbeatsLimit must be at least 4 (db-scheduler's minimum), was " + missedHeartbeatsLimit);
        }
        if (maxRunningRuns < 1) {
            throw new IllegalArgumentException("maxRunningRuns must be at least 1, was " + maxRunningRuns);
        }
        if (defaultTimeout.compareTo(maxStepTimeout) > 0) {
            throw new IllegalArgumentException("defaultTimeout must not exceed maxStepTimeout");
        }
    }

    public static PipelineSettings defaults() {
        return new PipelineSettings(Duration.ofMillis(500), 8, Duration.ofSeconds(30), 4, 32, Duration.ofDays(7),
                Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(2), RetryPolicy.defaults(),
                Duration.ofHours(1), Duration.ofHours(24));
    }

    /** How long a running step may go without a heartbeat before it counts as dead. */
    public Duration deadAfter() {
        return heartbeatInterval.multipliedBy(missedHeartbeatsLimit);
    }

    public PipelineSettings withPolling(Duration pollInterval, int threads) {
        return new PipelineSettings(pollInterval, threads, heartbeatInterval, missedHeartbeatsLimit, maxRunningRuns,
                workspaceRetention, cleanupInterval, cronCheckInterval, admissionSweepInterval, defaultRetry,
                defaultTimeout, maxStepTimeout);
    }

    public PipelineSettings withHeartbeat(Duration heartbeatInterval, int missedHeartbeatsLimit) {
        return new PipelineSettings(pollInterval, threads, heartbeatInterval, missedHeartbeatsLimit, maxRunningRuns,
                workspaceRetention, cleanupInterval, cronCheckInterval, admissionSweepInterval, defaultRetry,
                defaultTimeout, maxStepTimeout);
    }

    public PipelineSettings withMaxRunningRuns(int maxRunningRuns) {
        return new PipelineSettings(pollInterval, threads, heartbeatInterval, missedHeartbeatsLimit, maxRunningRuns,
                workspaceRetention, cleanupInterval, cronCheckInterval, admissionSweepInterval, defaultRetry,
                defaultTimeout, maxStepTimeout);
    }

    public PipelineSettings withWorkspaceRetention(Duration workspaceRetention, Duration cleanupInterval) {
        return new PipelineSettings(pollInterval, threads, heartbeatInterval, missedHeartbeatsLimit, maxRunningRuns,
                workspaceRetention, cleanupInterval, cronCheckInterval, admissionSweepInterval, defaultRetry,
                defaultTimeout, maxStepTimeout);
    }

    public PipelineSettings withCronCheckInterval(Duration cronCheckInterval) {
        return new PipelineSettings(pollInterval, threads, heartbeatInterval, missedHeartbeatsLimit, maxRunningRuns,
                workspaceRetention, cleanupInterval, cronCheckInterval, admissionSweepInterval, defaultRetry,
                defaultTimeout, maxStepTimeout);
    }

    public PipelineSettings withAdmissionSweepInterval(Duration admissionSweepInterval) {
        return new PipelineSettings(pollInterval, threads, heartbeatInterval, missedHeartbeatsLimit, maxRunningRuns,
                workspaceRetention, cleanupInterval, cronCheckInterval, admissionSweepInterval, defaultRetry,
                defaultTimeout, maxStepTimeout);
    }

    public PipelineSettings withStepDefaults(RetryPolicy defaultRetry, Duration defaultTimeout) {
        return new PipelineSettings(pollInterval, threads, heartbeatInterval, missedHeartbeatsLimit, maxRunningRuns,
                workspaceRetention, cleanupInterval, cronCheckInterval, admissionSweepInterval, defaultRetry,
                defaultTimeout, maxStepTimeout);
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
