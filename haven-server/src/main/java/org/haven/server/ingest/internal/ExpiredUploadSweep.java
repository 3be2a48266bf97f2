package org.haven.server.ingest.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.haven.server.ingest.MultipartUploadService;
import org.haven.server.ingest.UploadSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Removes multipart uploads nobody finished, every {@code haven.uploads.sweep-interval}, and what a crash left in
 * the blob store (staging objects older than the upload expiry, parts of uploads that are gone). A plain scheduled
 * task is enough: every replica may run it, and the rows it takes are locked with {@code SKIP LOCKED}, so two
 * replicas never expire the same upload (removing a leftover twice is harmless). Uploads touched after their
 * expiry are removed at once regardless.
 */
@Component
class ExpiredUploadSweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiredUploadSweep.class);
    private static final int BATCH = 100;
    private static final int MAX_BATCHES_PER_RUN = 50;

    private final MultipartUploadService uploads;
    private final long intervalMillis;
    private final Duration leftoverAge;
    private ScheduledExecutorService scheduler;

    ExpiredUploadSweep(MultipartUploadService uploads, UploadSettings settings) {
        this.uploads = uploads;
        this.intervalMillis = settings.sweepInterval().toMillis();
        this.leftoverAge = settings.uploadExpiry();
    }

    /** Expires what is due now; returns how many uploads were removed. */
    int sweep() {
        int removed = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            int now = uploads.expireAbandoned(BATCH);
            removed += now;
            if (now < BATCH) {
                break;
            }
        }
        return removed;
    }

    private void sweepQuietly() {
        try {
            int removed = sweep();
            if (removed > 0) {
                log.info("Removed {} expired multipart uploads", removed);
            }
            int leftovers = uploads.removeLeftovers(Instant.now().minus(leftoverAge));
            if (leftovers > 0) {
                log.info("Removed {} objects left behind by interrupted uploads", leftovers);
            }
        } catch (RuntimeException e) {
            log.warn("Sweeping expired multipart uploads failed; will retry: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "haven-upload-sweep");
            thread.setDaemon(true);
            return thread;
        });
        long firstDelay = ThreadLocalRandom.current().nextLong(intervalMillis) + 1;
        scheduler.scheduleWithFixedDelay(this::sweepQuietly, firstDelay, intervalMillis, TimeUnit.MILLISECONDS);
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
