package org.haven.server.ratelimit.internal;

import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Deletes buckets that have refilled (their {@code expires_at} has passed), so that callers who come once, or an
 * attacker cycling through addresses, do not grow the table forever. Every replica runs it; Bucket4j deletes with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas purging at once neither block each other nor a request's bucket.
 */
final class ExpiredBucketPurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiredBucketPurge.class);

    /** Small batches keep each delete's locks short. */
    static final int BATCH_SIZE = 500;

    /** Bounds one run, so a huge backlog is worked off over several runs rather than in one long burst. */
    private static final int MAX_BATCHES_PER_RUN = 200;

    private final ExpiredEntriesCleaner cleaner;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    ExpiredBucketPurge(ExpiredEntriesCleaner cleaner, Duration interval) {
        this.cleaner = cleaner;
        this.interval = interval;
    }

    /** Deletes expired buckets now; returns how many. */
    int purge() {
        int removed = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            int removedNow = cleaner.removeExpired(BATCH_SIZE);
            removed += removedNow;
            if (removedNow < BATCH_SIZE) {
                break;
            }
        }
        return removed;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "haven-rate-limit-purge");
            thread.setDaemon(true);
            return thread;
        });
        // A random first delay spreads replicas started together over the interval.
        long firstDelay = ThreadLocalRandom.current().nextLong(interval.toMillis()) + 1;
        scheduler.scheduleWithFixedDelay(this::purgeQuietly, firstDelay, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void purgeQuietly() {
        try {
            int removed = purge();
            log.debug("Purged {} refilled rate limit buckets", removed);
        } catch (RuntimeException failure) {
            // The next run tries again; an outage of the database is reported by readiness, not here.
            log.warn("Could not purge refilled rate limit buckets: {}", failure.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
