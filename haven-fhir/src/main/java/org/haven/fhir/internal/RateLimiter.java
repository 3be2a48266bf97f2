package org.haven.fhir.internal;

import java.time.Duration;

/**
 * Spaces request starts evenly: each caller reserves the next free slot and sleeps until it. Even spacing rather than
 * a burst-then-wait bucket, because FHIR servers that throttle tend to count short windows.
 */
final class RateLimiter {

    private final long intervalNanos;
    private long nextSlot = System.nanoTime();

    RateLimiter(double permitsPerSecond) {
        this.intervalNanos = Math.max(1L, (long) (1_000_000_000L / permitsPerSecond));
    }

    void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait).toMillis(), (int) (wait % 1_000_000L));
        }
    }
}
