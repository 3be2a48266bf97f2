package org.haven.server.ratelimit.internal;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A wall clock that moves only when a test says so, so refills can be tested without sleeping. */
final class ManualClock implements TimeMeter {

    private final AtomicLong nanos;

    ManualClock(Instant start) {
        this.nanos = new AtomicLong(Math.multiplyExact(start.toEpochMilli(), 1_000_000L));
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Override
    public long currentTimeNanos() {
        return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
