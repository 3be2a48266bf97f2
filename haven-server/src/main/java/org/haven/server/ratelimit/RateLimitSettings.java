package org.haven.server.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits ({@code haven.rate-limit.*}). Each class's bucket holds {@code capacity} tokens and refills them evenly
 * over {@code period}: a burst of {@code capacity} requests, then {@code capacity} per {@code period} sustained.
 * Every class has its own settings type only so that each can carry its own defaults.
 */
@Validated
@ConfigurationProperties(prefix = "haven.rate-limit")
public record RateLimitSettings(
        @DefaultValue("true") boolean enabled,
        @Valid @NotNull @DefaultValue Address address,
        @Valid @NotNull @DefaultValue SignIn signIn,
        @Valid @NotNull @DefaultValue Write write,
        @Valid @NotNull @DefaultValue Read read,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("5m") Duration purgeInterval) {

    /** A token bucket's size and the time it takes to refill from empty. */
    public interface Limit {
        int capacity();

        Duration period();
    }

    /** The ceiling on all {@code /api/v1} requests from one client address. */
    public record Address(
            @Min(1) @Max(1_000_000) @DefaultValue("1200") int capacity,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration period) implements Limit {}

    /** Sign-in attempts from one client address. */
    public record SignIn(
            @Min(1) @Max(1_000_000) @DefaultValue("10") int capacity,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration period) implements Limit {}

    /** Changing requests by one principal. */
    public record Write(
            @Min(1) @Max(1_000_000) @DefaultValue("120") int capacity,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration period) implements Limit {}

    /** Reading requests by one principal. */
    public record Read(
            @Min(1) @Max(1_000_000) @DefaultValue("600") int capacity,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration period) implements Limit {}

    public Limit limit(LimitClass limitClass) {
        return switch (limitClass) {
            case ADDRESS -> address;
            case SIGN_IN -> signIn;
            case WRITE -> write;
            case READ -> read;
        };
    }
}
