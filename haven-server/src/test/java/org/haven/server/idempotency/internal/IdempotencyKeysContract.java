package org.haven.server.idempotency.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.haven.server.database.DatabaseMigrations;
import org.haven.server.idempotency.IdempotencyKeys.Claim;
import org.haven.server.idempotency.IdempotencyKeys.StoredResponse;
import org.haven.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The idempotency key store, run against every PostgreSQL Haven supports. */
abstract class IdempotencyKeysContract {

    private TestDatabase database;
    private JdbcIdempotencyKeys keys;

    protected abstract TestDatabase newDatabase();

    @BeforeEach
    void migrate() {
        database = newDatabase();
        DatabaseMigrations.apply(database.dataSource(), database.schema());
        keys = new JdbcIdempotencyKeys(JdbcClient.create(database.dataSource()));
    }

    @AfterEach
    void dropSchema() {
        database.close();
    }

    @Test
    void aNewKeyStartsTheRequestAndARetryReplaysItsResponse() {
        assertThat(keys.claim("tenant-a", "key-1", "fp")).isInstanceOf(Claim.Started.class);
        assertThat(keys.claim("tenant-a", "key-1", "fp")).isInstanceOf(Claim.InProgress.class);

        keys.complete("tenant-a", "key-1", new StoredResponse(201, "application/json", bytes("{\"id\":1}")));

        Claim retry = keys.claim("tenant-a", "key-1", "fp");
        assertThat(retry).isInstanceOfSatisfying(Claim.Replay.class, replay -> {
            assertThat(replay.response().status()).isEqualTo(201);
            assertThat(replay.response().contentType()).isEqualTo("application/json");
            assertThat(new String(replay.response().body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
        });
    }

    @Test
    void theSameKeyForADifferentRequestIsAMismatch() {
        keys.claim("tenant-a", "key-1", "fp-1");
        assertThat(keys.claim("tenant-a", "key-1", "fp-2")).isInstanceOf(Claim.Mismatch.class);
    }

    @Test
    void scopesKeepCallersApart() {
        keys.claim("tenant-a", "key-1", "fp");
        assertThat(keys.claim("tenant-b", "key-1", "other")).isInstanceOf(Claim.Started.class);
    }

    @Test
    void aReleasedKeyCanBeClaimedAgainButACompletedOneCannotBeReleased() {
        keys.claim("s", "k", "fp");
        keys.release("s", "k");
        assertThat(keys.claim("s", "k", "fp")).isInstanceOf(Claim.Started.class);
        keys.complete("s", "k", new StoredResponse(200, null, null));
        keys.release("s", "k");
        assertThat(keys.claim("s", "k", "fp")).isInstanceOf(Claim.Replay.class);
    }

    @Test
    void completingTwiceIsAProgrammingError() {
        keys.claim("s", "k", "fp");
        keys.complete("s", "k", new StoredResponse(200, null, null));
        assertThatThrownBy(() -> keys.complete("s", "k", new StoredResponse(500, null, null)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void exactlyOneOfManyConcurrentClaimsStarts() throws Exception {
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Claim>> claims = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<Claim> claim = () -> {
                    go.await();
                    return keys.claim("s", "race", "fp");
                };
                claims.add(pool.submit(claim));
            }
            go.countDown();
            int started = 0;
            for (Future<Claim> claim : claims) {
                Claim result = claim.get();
                assertThat(result).isInstanceOfAny(Claim.Started.class, Claim.InProgress.class);
                started += result instanceof Claim.Started ? 1 : 0;
            }
            assertThat(started).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purgeForgetsOldKeys() {
        keys.claim("s", "old", "fp");
        assertThat(keys.purgeCreatedBefore(Instant.now().minusSeconds(3600))).isZero();
        assertThat(keys.purgeCreatedBefore(Instant.now().plusSeconds(60))).isEqualTo(1);
        assertThat(keys.claim("s", "old", "fp")).isInstanceOf(Claim.Started.class);
    }

    @Test
    void overlongKeysAreRefusedByTheDatabase() {
        assertThatThrownBy(() -> keys.claim("s", "k".repeat(256), "fp")).isInstanceOf(RuntimeException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
