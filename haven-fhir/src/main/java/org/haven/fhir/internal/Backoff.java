package org.haven.fhir.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the wait before attempt n+1 is between half and all of
 * {@code initial * 2^(n-1)}, capped. Jitter keeps parallel workers that failed together from retrying together.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    Duration afterAttempt(int attempt) {
        long base = initial.toMillis();
        long capped = Math.min(max.toMillis(), base << Math.min(attempt - 1, 20));
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
