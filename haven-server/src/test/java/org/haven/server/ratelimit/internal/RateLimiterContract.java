package org.haven.server.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.haven.server.database.DatabaseMigrations;
import org.haven.server.ratelimit.LimitClass;
import org.haven.server.ratelimit.RateLimitSettings;
import org.haven.server.ratelimit.RateLimiter;
import org.haven.server.ratelimit.RateLimiter.Decision;
import org.haven.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The PostgreSQL-backed rate limiter, run against every PostgreSQL Haven supports. */
abstract class RateLimiterContract {

    /** Three requests per 30 seconds: a token every 10 seconds once the burst is spent. */
    private static final RateLimitSettings.Read READ = new RateLimitSettings.Read(3, Duration.ofSeconds(30));

    private static final RateLimitSettings SETTINGS = new RateLimitSettings(true,
            new RateLimitSettings.Address(100, Duration.ofMinutes(1)),
            new RateLimitSettings.SignIn(2, Duration.ofMinutes(1)),
            new RateLimitSettings.Write(3, Duration.ofMinutes(1)),
            READ,
            Duration.ofMinutes(5));

    private TestDatabase database;
    private ManualClock clock;
    private SimpleMeterRegistry meters;
    private RateLimiter limiter;

    protected abstract TestDatabase newDatabase();

    @BeforeEach
    void migrate() {
        database = newDatabase();
        DatabaseMigrations.apply(database.dataSource(), database.schema());
        clock = new ManualClock(Instant.now());
        meters = new SimpleMeterRegistry();
        limiter = replica(clock);
    }

    @AfterEach
    void dropSchema() {
        database.close();
    }

    /** A limiter with its own connection to the store, as another server replica has. */
    private RateLimiter replica(ManualClock replicaClock) {
        return new Bucket4jRateLimiter(PostgresBuckets.open(database.dataSource(), replicaClock), SETTINGS, meters);
    }

    @Test
    void refusesOnceTheCapacityIsSpentAndSaysHowLongToWait() {
        assertThat(limiter.tryAcquire(LimitClass.READ, "alice")).isEqualTo(new Decision.Allowed(3, 2));
        assertThat(limiter.tryAcquire(LimitClass.READ, "alice")).isEqualTo(new Decision.Allowed(3, 1));
        assertThat(limiter.tryAcquire(LimitClass.READ, "alice")).isEqualTo(new Decision.Allowed(3, 0));

        Decision refused = limiter.tryAcquire(LimitClass.READ, "alice");

        assertThat(refused).isInstanceOfSatisfying(Decision.Refused.class, r -> {
            assertThat(r.limit()).isEqualTo(3);
            assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(10));
            assertThat(r.retryAfterSeconds()).isEqualTo(10);
        });
        assertThat(meters.counter("haven.ratelimit.refusals", "class", "read").count()).isEqualTo(1.0);
    }

    @Test
    void refillsEvenlyOverThePeriod() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(LimitClass.READ, "alice");
        }
        clock.advance(Duration.ofSeconds(9));
        assertThat(limiter.tryAcquire(LimitClass.READ, "alice")).isInstanceOf(Decision.Refused.class);

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire(LimitClass.READ, "alice")).isEqualTo(new Decision.Allowed(3, 0));

        clock.advance(Duration.ofMinutes(5));
        assertThat(limiter.tryAcquire(LimitClass.READ, "alice"))
                .as("a bucket never holds more than its capacity")
                .isEqualTo(new Decision.Allowed(3, 2));
    }

    @Test
    void twoReplicasOnOneDatabaseShareOneBudget() {
        RateLimiter other = replica(clock);

        assertThat(limiter.tryAcquire(LimitClass.SIGN_IN, "203.0.113.7").allowed()).isTrue();
        assertThat(other.tryAcquire(LimitClass.SIGN_IN, "203.0.113.7").allowed()).isTrue();

        assertThat(other.tryAcquire(LimitClass.SIGN_IN, "203.0.113.7")).isInstanceOf(Decision.Refused.class);
        assertThat(limiter.tryAcquire(LimitClass.SIGN_IN, "203.0.113.7")).isInstanceOf(Decision.Refused.class);
    }

    @Test
    void subjectsAndClassesHaveTheirOwnBuckets() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(LimitClass.READ, "alice");
        }
        assertThat(limiter.tryAcquire(LimitClass.READ, "alice")).isInstanceOf(Decision.Refused.class);

        assertThat(limiter.tryAcquire(LimitClass.READ, "bob")).isEqualTo(new Decision.Allowed(3, 2));
        assertThat(limiter.tryAcquire(LimitClass.WRITE, "alice")).isEqualTo(new Decision.Allowed(3, 2));
    }

    @Test
    void concurrentRequestsOnTwoReplicasNeverTakeMoreThanTheCapacity() throws Exception {
        RateLimiter other = replica(clock);
        int callers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                RateLimiter replica = i % 2 == 0 ? limiter : other;
                Callable<Integer> caller = () -> {
                    go.await();
                    int allowed = 0;
                    for (int attempt = 0; attempt < 3; attempt++) {
                        allowed += replica.tryAcquire(LimitClass.SIGN_IN, "198.51.100.1") instanceof Decision.Allowed ? 1 : 0;
                    }
                    return allowed;
                };
                results.add(pool.submit(caller));
            }
            go.countDown();
            int allowed = 0;
            for (Future<Integer> result : results) {
                allowed += result.get();
            }
            assertThat(allowed).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBucketExpiresAMinuteAfterItWouldBeFullAgain() {
        long before = System.currentTimeMillis();
        limiter.tryAcquire(LimitClass.READ, "alice");

        Long expiresAt = JdbcClient.create(database.dataSource())
                .sql("SELECT expires_at FROM rate_limit_buckets").query(Long.class).single();

        // One token of three per 30 s is back after 10 s; then the one-minute margin.
        assertThat(expiresAt).isBetween(before + 70_000, System.currentTimeMillis() + 70_000);
    }

    @Test
    void thePurgeDeletesOnlyExpiredBuckets() {
        limiter.tryAcquire(LimitClass.READ, "long-gone");
        limiter.tryAcquire(LimitClass.READ, "still-here");
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        jdbc.sql("UPDATE rate_limit_buckets SET expires_at = :past WHERE bucket_key = :key")
                .param("past", System.currentTimeMillis() - 1)
                .param("key", BucketKeys.of(LimitClass.READ, READ, "long-gone"))
                .update();

        int purged = new ExpiredBucketPurge(PostgresBuckets.open(database.dataSource(), clock), Duration.ofMinutes(5)).purge();

        assertThat(purged).isEqualTo(1);
        assertThat(bucketRows()).isEqualTo(1);
        assertThat(limiter.tryAcquire(LimitClass.READ, "still-here"))
                .as("the surviving bucket keeps its state")
                .isEqualTo(new Decision.Allowed(3, 1));
    }

    @Test
    void keysAreBoundedWhateverTheSubject() {
        String hostile = "x".repeat(100_000);
        assertThat(limiter.tryAcquire(LimitClass.WRITE, hostile)).isInstanceOf(Decision.Allowed.class);
        Integer longest = JdbcClient.create(database.dataSource())
                .sql("SELECT max(length(bucket_key)) FROM rate_limit_buckets")
                .query(Integer.class).single();
        assertThat(longest).isLessThanOrEqualTo(128);
    }

    @Test
    void withoutItsStoreTheLimiterLetsRequestsThrough() {
        JdbcClient.create(database.dataSource()).sql("DROP TABLE rate_limit_buckets").update();

        assertThat(limiter.tryAcquire(LimitClass.SIGN_IN, "203.0.113.7")).isInstanceOf(Decision.Unchecked.class);
        assertThat(meters.counter("haven.ratelimit.unchecked", "class", "sign-in").count()).isEqualTo(1.0);
    }

    private long bucketRows() {
        return JdbcClient.create(database.dataSource()).sql("SELECT count(*) FROM rate_limit_buckets").query(Long.class).single();
    }
}
