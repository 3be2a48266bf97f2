package org.haven.fhir.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsSecondsAndHttpDates() {
        assertThat(RetryAfter.parse("120", CLOCK)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", CLOCK)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 12:00:30 GMT", CLOCK)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 11:00:00 GMT", CLOCK)).contains(Duration.ZERO);
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfter.parse(null, CLOCK)).isEmpty();
        assertThat(RetryAfter.parse("soon", CLOCK)).isEmpty();
        assertThat(RetryAfter.parse("-5", CLOCK)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999", CLOCK)).isEmpty();
    }

    @Test
    void backoffDoublesWithJitterUpToItsCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        assertThat(backoff.afterAttempt(1).toMillis()).isBetween(50L, 100L);
        assertThat(backoff.afterAttempt(3).toMillis()).isBetween(200L, 400L);
        assertThat(backoff.afterAttempt(10).toMillis()).isBetween(500L, 1000L);
    }
}
