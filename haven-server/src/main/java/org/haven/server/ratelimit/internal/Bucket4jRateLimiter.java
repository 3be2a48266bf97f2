package org.haven.server.ratelimit.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.haven.server.ratelimit.LimitClass;
import org.haven.server.ratelimit.RateLimitSettings;
import org.haven.server.ratelimit.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The rate limiter over Bucket4j buckets kept in a shared store (PostgreSQL in the server). */
final class Bucket4jRateLimiter implements RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(Bucket4jRateLimiter.class);

    /** While the store is down every request would fail alike: one warning per interval is enough. */
    private static final long WARNING_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private static final int MAX_CACHED_PROXIES = 50_000;
    private static final long SYNC_MILLIS = 200;
    /** Budgets whose twentieth is smaller than this are counted exactly. */
    private static final long EXACT_BELOW_TOLERANCE = 5;

    private final ProxyManager<String> buckets;
    private final Map<String, Bucket> proxies = new ConcurrentHashMap<>();
    private final RateLimitSettings settings;
    private final Map<LimitClass, BucketConfiguration> configurations = new EnumMap<>(LimitClass.class);
    private final Map<LimitClass, Counter> refusals = new EnumMap<>(LimitClass.class);
    private final Map<LimitClass, Counter> unchecked = new EnumMap<>(LimitClass.class);
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);

    Bucket4jRateLimiter(ProxyManager<String> buckets, RateLimitSettings settings, MeterRegistry meters) {
        this.buckets = buckets;
        this.settings = settings;
        for (LimitClass limitClass : LimitClass.values()) {
            RateLimitSettings.Limit limit = settings.limit(limitClass);
            configurations.put(limitClass, BucketConfiguration.builder()
                    .addLimit(Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()).build())
                    .build());
            refusals.put(limitClass, Counter.builder("haven.ratelimit.refusals")
                    .description("Requests refused with 429 because their token bucket was empty")
                    .tag("class", limitClass.code())
                    .register(meters));
            unchecked.put(limitClass, Counter.builder("haven.ratelimit.unchecked")
                    .description("Requests let through unlimited because the bucket store could not be reached")
                    .tag("class", limitClass.code())
                    .register(meters));
        }
    }

    @Override
    public Decision tryAcquire(LimitClass limitClass, String subject) {
        RateLimitSettings.Limit limit = settings.limit(limitClass);
        String key = BucketKeys.of(limitClass, limit, subject);
        ConsumptionProbe probe;
        try {
            probe = bucket(key, limitClass).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException storeFailure) {
            // Fail open: while the database is unreachable, serving requests unlimited is better than refusing them
            // all. The rest of the API needs the same database, so this window is short and visible in the logs.
            unchecked.get(limitClass).increment();
            warnAtMostOncePerInterval(storeFailure);
            return new Decision.Unchecked();
        }
        if (probe.isConsumed()) {
            return new Decision.Allowed(limit.capacity(), probe.getRemainingTokens());
        }
        refusals.get(limitClass).increment();
        return new Decision.Refused(limit.capacity(), Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /**
     * One proxy per bucket, kept, so that its optimisation can spare database round trips: without it every request
     * would queue on its bucket's row lock. Small budgets (sign-in) are counted exactly, with parallel requests merged
     * into one round trip; large ones are counted locally and written back every {@value #SYNC_MILLIS} ms or
     * every twentieth of their capacity, whichever comes first, so a replica may overshoot a large budget by that
     * much before it learns of the others' use. The cache is dropped whole when it grows large: a proxy holds
     * nothing that is not written back.
     */
    private Bucket bucket(String key, LimitClass limitClass) {
        if (proxies.size() > MAX_CACHED_PROXIES) {
            proxies.clear();
        }
        return proxies.computeIfAbsent(key, absent -> buckets.builder()
                .withOptimization(optimisationFor(settings.limit(limitClass)))
                .build(absent, () -> configurations.get(limitClass)));
    }

    static Optimization optimisationFor(RateLimitSettings.Limit limit) {
        long tolerance = limit.capacity() / 20;
        if (tolerance < EXACT_BELOW_TOLERANCE) {
            return Optimizations.batching();
        }
        return Optimizations.delaying(new DelayParameters(tolerance, Duration.ofMillis(SYNC_MILLIS)));
    }

    private void warnAtMostOncePerInterval(RuntimeException failure) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("Rate limits are not enforced: the bucket store is unavailable ({})", failure.toString());
        } else {
            log.debug("Rate limit bucket store unavailable", failure);
        }
    }
}
