package org.haven.authz;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of an engine. {@code maxDepth} bounds how many hops an evaluation follows (SpiceDB's default is 50);
 * {@code refreshInterval} is how often the engine polls the store for other processes' writes.
 */
public record AuthzSettings(int maxDepth, Duration refreshInterval, Clock clock) {

    public AuthzSettings {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be positive");
        }
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(clock, "clock");
    }

    public static AuthzSettings defaults() {
        return new AuthzSettings(50, Duration.ofSeconds(1), Clock.systemUTC());
    }

    public AuthzSettings withMaxDepth(int depth) {
        return new AuthzSettings(depth, refreshInterval, clock);
    }

    public AuthzSettings withRefreshInterval(Duration interval) {
        return new AuthzSettings(maxDepth, interval, clock);
    }

    public AuthzSettings withClock(Clock newClock) {
        return new AuthzSettings(maxDepth, refreshInterval, newClock);
    }
}
