package org.haven.pipelines;

import java.time.Duration;

/**
 * How often a step is attempted and how long to wait between attempts: the wait doubles after every failed attempt,
 * starting at {@code initialBackoff} and never exceeding {@code maxBackoff}. {@code maxAttempts} counts the first
 * attempt, so 1 means "never retry".
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public static final int MAX_ATTEMPTS_LIMIT = 100;

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException("max_attempts must be between 1 and " + MAX_ATTEMPTS_LIMIT + ", was " + maxAttempts);
        }
        if (initialBackoff == null || initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initial_backoff must be zero or positive");
        }
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("max_backoff must be at least initial_backoff");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(10));
    }

    /** The wait after the given failed attempt (1-based) before the next one. */
    public Duration backoffAfter(int failedAttempt) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < failedAttempt && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
