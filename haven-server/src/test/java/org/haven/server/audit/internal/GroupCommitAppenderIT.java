package org.haven.server.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.haven.server.audit.AuditActor;
import org.haven.server.audit.AuditEvent;
import org.haven.server.audit.AuditRecord;
import org.haven.server.audit.Decision;
import org.haven.server.database.DatabaseMigrations;
import org.haven.server.errors.HavenException;
import org.haven.testing.TestDatabase;
import org.haven.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** Group commit: many callers' events share transactions, each caller still learns its own outcome. */
class GroupCommitAppenderIT {

    private static final AuditActor ACTOR = AuditActor.user("u-1", null, "Reader");

    private TestDatabase database;
    private JdbcAuditLog log;
    private GroupCommitAppender appender;

    @BeforeEach
    void start() {
        database = TestPostgres.embedded();
        DatabaseMigrations.apply(database.dataSource(), database.schema());
        log = new JdbcAuditLog(JdbcClient.create(database.dataSource()), new JdbcTransactionManager(database.dataSource()));
        appender = new GroupCommitAppender(log);
    }

    @AfterEach
    void stop() throws InterruptedException {
        appender.stop();
        database.close();
    }

    @Test
    void concurrentCallersAllGetTheirOwnCommittedRecordInOneLinearChain() throws Exception {
        int callers = 16;
        int eachAppends = 25;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<List<Long>>> sequences = new ArrayList<>();
            for (int caller = 0; caller < callers; caller++) {
                String resource = "r-" + caller;
                sequences.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < eachAppends; i++) {
                        AuditRecord record = appender.submit(event(resource)).get();
                        assertThat(record.event().resource().id()).isEqualTo(resource);
                        mine.add(record.sequence());
                    }
                    return mine;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> future : sequences) {
                all.addAll(future.get());
            }
            assertThat(all).hasSize(callers * eachAppends).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
        assertThat(log.verify().ok()).isTrue();
        assertThat(log.verify().eventsChecked()).isEqualTo(callers * eachAppends);
    }

    @Test
    void aBadEventFailsAloneAndItsNeighboursAreStillWritten() throws Exception {
        List<CompletableFuture<AuditRecord>> good = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            good.add(appender.submit(event("ok-" + i)));
        }
        CompletableFuture<AuditRecord> bad = appender.submit(AuditEvent.builder(ACTOR, "Not A Dotted Action", Decision.ALLOWED, Instant.now()).build());
        for (int i = 20; i < 40; i++) {
            good.add(appender.submit(event("ok-" + i)));
        }
        for (CompletableFuture<AuditRecord> future : good) {
            assertThat(future.get().sequence()).isPositive();
        }
        assertThatThrownBy(bad::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(HavenException.class);
        assertThat(log.verify().eventsChecked()).isEqualTo(40);
        assertThat(log.verify().ok()).isTrue();
    }

    private static AuditEvent event(String resource) {
        return AuditEvent.builder(ACTOR, "access.view", Decision.ALLOWED, Instant.now()).resource("tenant", resource).build();
    }
}
