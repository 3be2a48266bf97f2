package org.haven.pipelines;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Starts a run at every fire time of a five-field cron expression (minute hour day-of-month month day-of-week),
 * evaluated in {@code zone}.
 */
public record CronTrigger(String expression, ZoneId zone) implements PipelineTrigger {

    public CronTrigger {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("cron expression must not be empty");
        }
        if (expression.trim().split("\\s+").length != 5) {
            throw new IllegalArgumentException("cron expression must have 5 fields (minute hour day month weekday): '" + expression + "'");
        }
        schedule(expression, zone); // fails with a message naming the bad field
    }

    /** The first fire time strictly after {@code after}. */
    public Instant nextFireAfter(Instant after) {
        return schedule(expression, zone).getNextExecutionTime(ExecutionComplete.simulatedSuccess(after));
    }

    private static CronSchedule schedule(String expression, ZoneId zone) {
        // db-scheduler's cron has a leading seconds field; the definition format follows classic crontab.
        return new CronSchedule("0 " + expression.trim(), zone);
    }
}
