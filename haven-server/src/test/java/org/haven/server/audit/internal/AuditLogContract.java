package org.haven.server.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.haven.server.audit.AuditActor;
import org.haven.server.audit.AuditEvent;
import org.haven.server.audit.AuditPage;
import org.haven.server.audit.AuditQuery;
import org.haven.server.audit.AuditRecord;
import org.haven.server.audit.ChainVerification;
import org.haven.server.audit.ChainVerification.Problem;
import org.haven.server.audit.Decision;
import org.haven.server.database.DatabaseMigrations;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit log, run against every PostgreSQL Haven supports. The test user is a superuser, as an attacker may be. */
abstract class AuditLogContract {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456789Z");
    private static final AuditActor ALICE = AuditActor.user("alice", "acme", "Alice Example");
    private static final AuditActor BOB = AuditActor.user("bob", "globex", null);

    private TestDatabase database;
    private JdbcClient jdbc;
    private JdbcTransactionManager transactions;
    private JdbcAuditLog log;

    protected abstract TestDatabase newDatabase();

    @BeforeEach
    void migrate() {
        database = newDatabase();
        DatabaseMigrations.apply(database.dataSource(), database.schema());
        jdbc = JdbcClient.create(database.dataSource());
        transactions = new JdbcTransactionManager(database.dataSource());
        log = new JdbcAuditLog(jdbc, transactions);
    }

    @AfterEach
    void dropSchema() {
        database.close();
    }

    @Test
    void anAppendedEventReadsBackAsAppended() {
        AuditEvent event = AuditEvent.builder(ALICE, "dataset.read", Decision.ALLOWED, T0)
                .resource("dataset", "sales-2024")
                .reason("dataset:sales-2024#read via project:p1#data_user")
                .requestId("req-1")
                .clientAddress("2001:db8::1")
                .detail("rows", "42")
                .detail("note", "Zoë's résumé ✓ 𝄞")
                .build();

        AuditRecord appended = log.append(event);
        AuditPage page = log.find(AuditQuery.builder().build());

        assertThat(appended.sequence()).isEqualTo(1);
        assertThat(appended.previousHash()).isEqualTo("00".repeat(32));
        assertThat(appended.event().occurredAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00.123456Z"));
        assertThat(page.items()).singleElement().satisfies(found -> {
            assertThat(found.event()).isEqualTo(event);
            assertThat(found.hash()).isEqualTo(appended.hash());
            assertThat(found.recordedAt()).isEqualTo(appended.recordedAt());
        });
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void eachEventLinksToTheOneBefore() {
        AuditRecord first = log.append(event(1));
        AuditRecord second = log.append(event(2));
        AuditRecord third = log.append(event(3));

        assertThat(List.of(first.sequence(), second.sequence(), third.sequence())).containsExactly(1L, 2L, 3L);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(third.previousHash()).isEqualTo(second.hash());
        assertThat(Set.of(first.hash(), second.hash(), third.hash())).hasSize(3);
    }

    @Test
    void aBatchIsChainedInOrderAndReadsBackAsAppended() {
        log.append(event(0));
        List<AuditRecord> batch = log.appendAll(List.of(event(1), event(2), event(3), event(4)));

        assertThat(batch).extracting(AuditRecord::sequence).containsExactly(2L, 3L, 4L, 5L);
        for (int i = 1; i < batch.size(); i++) {
            assertThat(batch.get(i).previousHash()).isEqualTo(batch.get(i - 1).hash());
        }
        assertThat(batch).extracting(AuditRecord::event).containsExactly(event(1), event(2), event(3), event(4));
        assertThat(log.find(AuditQuery.builder().build()).items()).extracting(AuditRecord::hash).startsWith(
                batch.get(3).hash(), batch.get(2).hash(), batch.get(1).hash(), batch.get(0).hash());
        assertThat(log.verify()).isEqualTo(ChainVerification.intact(5));
        assertThat(jdbc.sql("SELECT last_sequence FROM audit_chain_head").query(Long.class).single()).isEqualTo(5L);
    }

    @Test
    void aMultiRowInsertWithOneBadLinkIsRefusedWhole() {
        appendEvents(2);
        // Event 3 links correctly to the head; event 4 claims a previous hash that is not event 3's.
        assertRefused("""
                INSERT INTO audit_events (sequence, actor_type, actor_id, action, decision, occurred_at, previous_hash, hash)
                SELECT 3, 'USER', 'mallory', 'dataset.read', 'ALLOWED', now(), last_hash, decode(repeat('22', 32), 'hex')
                FROM audit_chain_head
                UNION ALL
                SELECT 4, 'USER', 'mallory', 'dataset.read', 'ALLOWED', now(), decode(repeat('33', 32), 'hex'),
                       decode(repeat('44', 32), 'hex')""", "event 4 does not extend the chain");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events").query(Long.class).single()).isEqualTo(2L);
        assertThat(log.verify()).isEqualTo(ChainVerification.intact(2));
    }

    @Test
    void aMultiRowInsertWithAGapIsRefused() {
        appendEvents(2);
        assertRefused("""
                INSERT INTO audit_events (sequence, actor_type, actor_id, action, decision, occurred_at, previous_hash, hash)
                SELECT 3, 'USER', 'mallory', 'dataset.read', 'ALLOWED', now(), last_hash, decode(repeat('22', 32), 'hex')
                FROM audit_chain_head
                UNION ALL
                SELECT 5, 'USER', 'mallory', 'dataset.read', 'ALLOWED', now(), decode(repeat('22', 32), 'hex'),
                       decode(repeat('44', 32), 'hex')""", "does not extend the chain");
        assertThat(log.verify()).isEqualTo(ChainVerification.intact(2));
    }

    @Test
    void theHeadCannotBeMovedOntoAnEventThatIsNotTheNewest() {
        List<AuditRecord> events = appendEvents(3);
        jdbc.sql("ALTER TABLE audit_chain_head DISABLE TRIGGER ALL").update();
        jdbc.sql("UPDATE audit_chain_head SET last_sequence = 1, last_hash = decode(:hash, 'hex')")
                .param("hash", events.get(0).hash()).update();
        jdbc.sql("ALTER TABLE audit_chain_head ENABLE TRIGGER ALL").update();

        assertRefused("UPDATE audit_chain_head SET last_sequence = 2, last_hash = decode('" + events.get(1).hash()
                + "', 'hex')", "only moves forward");
    }

    @Test
    void anUntouchedLogVerifies() {
        assertThat(log.verify()).isEqualTo(ChainVerification.intact(0));
        appendEvents(5);
        assertThat(log.verify()).isEqualTo(ChainVerification.intact(5));
    }

    @Test
    void aFieldChangedBehindTheTriggersIsFound() {
        appendEvents(5);
        tamper("UPDATE audit_events SET action = 'dataset.delete' WHERE sequence = 3");
        assertBrokenAt(3, Problem.CONTENT_ALTERED, 2);
    }

    @Test
    void aChangedDetailIsFound() {
        appendEvents(3);
        tamper("UPDATE audit_events SET details = '{\"rows\": \"0\"}' WHERE sequence = 2");
        assertBrokenAt(2, Problem.CONTENT_ALTERED, 1);
    }

    @Test
    void anEventRewrittenWithARecomputedHashBreaksTheNextLink() {
        List<AuditRecord> records = appendEvents(5);
        AuditRecord third = records.get(2);
        AuditEvent forged = new AuditEvent(third.event().actor(), "dataset.delete", third.event().resource(),
                third.event().decision(), third.event().reason(), third.event().requestId(),
                third.event().clientAddress(), third.event().occurredAt(), third.event().details());
        byte[] forgedHash = CanonicalForm.hash(HexFormat.of().parseHex(records.get(1).hash()), ChainedEvent.of(3, forged));
        tamper("UPDATE audit_events SET action = 'dataset.delete', hash = decode('" + CanonicalForm.hex(forgedHash)
                + "', 'hex') WHERE sequence = 3");
        assertBrokenAt(4, Problem.LINK_BROKEN, 3);
    }

    @Test
    void aDeletedEventIsFound() {
        appendEvents(5);
        tamper("DELETE FROM audit_events WHERE sequence = 3");
        assertBrokenAt(3, Problem.EVENT_MISSING, 2);
    }

    @Test
    void aDeletedLastEventIsFound() {
        appendEvents(5);
        tamper("DELETE FROM audit_events WHERE sequence = 5");
        assertBrokenAt(5, Problem.EVENT_MISSING, 4);
    }

    @Test
    void aDeletedFirstEventIsFound() {
        appendEvents(3);
        tamper("DELETE FROM audit_events WHERE sequence = 1");
        assertBrokenAt(1, Problem.EVENT_MISSING, 0);
    }

    @Test
    void aChainHeadMovedBackBehindTheTriggersIsFound() {
        appendEvents(4);
        jdbc.sql("ALTER TABLE audit_chain_head DISABLE TRIGGER ALL").update();
        jdbc.sql("UPDATE audit_chain_head SET last_sequence = 3, last_hash = (SELECT hash FROM audit_events WHERE sequence = 3)").update();
        jdbc.sql("ALTER TABLE audit_chain_head ENABLE TRIGGER ALL").update();
        assertBrokenAt(4, Problem.HEAD_MISMATCH, 3);
    }

    @Test
    void aChainHeadWithAnotherHashIsFound() {
        appendEvents(2);
        jdbc.sql("ALTER TABLE audit_chain_head DISABLE TRIGGER ALL").update();
        jdbc.sql("UPDATE audit_chain_head SET last_hash = decode(repeat('ab', 32), 'hex')").update();
        jdbc.sql("ALTER TABLE audit_chain_head ENABLE TRIGGER ALL").update();
        assertBrokenAt(2, Problem.HEAD_MISMATCH, 1);
    }

    @Test
    void swappedHashesAreFound() {
        appendEvents(5);
        tamper("""
                UPDATE audit_events a SET hash = b.hash FROM audit_events b
                WHERE (a.sequence, b.sequence) IN ((2, 3), (3, 2))""");
        assertBrokenAt(2, Problem.CONTENT_ALTERED, 1);
    }

    @Test
    void reorderedEventsAreFound() {
        appendEvents(5);
        tamper("UPDATE audit_events SET sequence = 1000 WHERE sequence = 2",
                "UPDATE audit_events SET sequence = 2 WHERE sequence = 3",
                "UPDATE audit_events SET sequence = 3 WHERE sequence = 1000");
        assertBrokenAt(2, Problem.LINK_BROKEN, 1);
    }

    @Test
    void theApplicationCannotChangeOrRemoveEvents() {
        appendEvents(3);

        assertRefused("UPDATE audit_events SET action = 'dataset.delete' WHERE sequence = 2", "append-only");
        assertRefused("DELETE FROM audit_events WHERE sequence = 3", "append-only");
        assertRefused("TRUNCATE audit_events", "append-only");
        assertRefused("UPDATE audit_chain_head SET last_sequence = 2", "only moves forward");
        assertRefused("DELETE FROM audit_chain_head", "append-only");
        assertRefused("TRUNCATE audit_chain_head", "append-only");

        assertThat(log.verify()).isEqualTo(ChainVerification.intact(3));
    }

    @Test
    void anEventOffTheChainIsRefused() {
        appendEvents(2);
        assertRefused("""
                INSERT INTO audit_events (sequence, actor_type, actor_id, action, decision, occurred_at, previous_hash, hash)
                VALUES (3, 'USER', 'mallory', 'dataset.read', 'ALLOWED', now(),
                        decode(repeat('00', 32), 'hex'), decode(repeat('11', 32), 'hex'))""", "does not extend the chain");
        assertRefused("""
                INSERT INTO audit_events (sequence, actor_type, actor_id, action, decision, occurred_at, previous_hash, hash)
                SELECT 7, 'USER', 'mallory', 'dataset.read', 'ALLOWED', now(), last_hash, decode(repeat('11', 32), 'hex')
                FROM audit_chain_head""", "does not extend the chain");
        assertThat(log.verify()).isEqualTo(ChainVerification.intact(2));
    }

    @Test
    void anAppendCommitsAndRollsBackWithTheChangeItDescribes() {
        jdbc.sql("CREATE TABLE widgets (name text PRIMARY KEY)").update();
        log.append(event(1));
        TransactionTemplate inTransaction = new TransactionTemplate(transactions);

        inTransaction.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO widgets VALUES ('discarded')").update();
            log.append(event(2));
            status.setRollbackOnly();
        });
        assertThat(jdbc.sql("SELECT count(*) FROM widgets").query(Long.class).single()).isZero();
        assertThat(log.find(AuditQuery.builder().build()).items()).hasSize(1);
        assertThat(log.verify()).isEqualTo(ChainVerification.intact(1));

        AuditRecord kept = inTransaction.execute(status -> {
            jdbc.sql("INSERT INTO widgets VALUES ('kept')").update();
            return log.append(event(3));
        });
        assertThat(kept.sequence()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM widgets").query(Long.class).single()).isEqualTo(1);
        assertThat(log.verify()).isEqualTo(ChainVerification.intact(2));
    }

    @Test
    void concurrentAppendsFromTwoServersFormOneLine() throws Exception {
        JdbcAuditLog otherServer = new JdbcAuditLog(JdbcClient.create(database.dataSource()),
                new JdbcTransactionManager(database.dataSource()));
        int threads = 8;
        int appendsPerThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                JdbcAuditLog server = t % 2 == 0 ? log : otherServer;
                int thread = t;
                Callable<List<Long>> appender = () -> {
                    go.await();
                    List<Long> sequences = new ArrayList<>();
                    for (int i = 0; i < appendsPerThread; i++) {
                        sequences.add(server.append(event(thread * 100 + i)).sequence());
                    }
                    return sequences;
                };
                results.add(pool.submit(appender));
            }
            go.countDown();
            Set<Long> sequences = new HashSet<>();
            for (Future<List<Long>> result : results) {
                sequences.addAll(result.get());
            }
            int total = threads * appendsPerThread;
            assertThat(sequences).hasSize(total).allMatch(sequence -> sequence >= 1 && sequence <= total);
            assertThat(log.verify()).isEqualTo(ChainVerification.intact(total));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void filtersSelectByActorTenantActionResourceDecisionAndTime() {
        log.append(AuditEvent.builder(ALICE, "dataset.read", Decision.ALLOWED, T0).resource("dataset", "a").build());
        log.append(AuditEvent.builder(ALICE, "dataset.read", Decision.DENIED, T0.plusSeconds(60)).resource("dataset", "b").build());
        log.append(AuditEvent.builder(BOB, "tenant.create", Decision.SUCCEEDED, T0.plusSeconds(120)).resource("tenant", "t1").build());
        log.append(AuditEvent.builder(AuditActor.anonymous(), "access.denied", Decision.DENIED, T0.plusSeconds(180)).build());
        log.append(AuditEvent.builder(AuditActor.app("ingest-bot", "acme", null), "dataset.read", Decision.ALLOWED, T0.plusSeconds(240))
                .resource("dataset", "a").build());

        assertThat(sequences(AuditQuery.builder().actor(AuditActor.Type.USER, "alice"))).containsExactly(2L, 1L);
        assertThat(sequences(AuditQuery.builder().actor(null, "bob"))).containsExactly(3L);
        assertThat(sequences(AuditQuery.builder().tenant("acme"))).containsExactly(5L, 2L, 1L);
        assertThat(sequences(AuditQuery.builder().action("dataset.read"))).containsExactly(5L, 2L, 1L);
        assertThat(sequences(AuditQuery.builder().resource("dataset", "a"))).containsExactly(5L, 1L);
        assertThat(sequences(AuditQuery.builder().resourceType("dataset"))).containsExactly(5L, 2L, 1L);
        assertThat(sequences(AuditQuery.builder().decision(Decision.DENIED))).containsExactly(4L, 2L);
        Instant minute = T0.truncatedTo(ChronoUnit.MINUTES);
        assertThat(sequences(AuditQuery.builder().from(minute.plusSeconds(60)).to(minute.plusSeconds(180)))).containsExactly(3L, 2L);
        assertThat(sequences(AuditQuery.builder().action("dataset.read").tenant("acme").actor(AuditActor.Type.APP, "ingest-bot")))
                .containsExactly(5L);
        assertThat(sequences(AuditQuery.builder().action("no.such"))).isEmpty();
    }

    @Test
    void pagesFollowEachOtherNewestFirstWithoutGapsOrRepeats() {
        appendEvents(7);
        List<Long> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            AuditPage page = log.find(AuditQuery.builder().cursor(cursor).limit(3).build());
            page.items().forEach(item -> seen.add(item.sequence()));
            pageSizes.add(page.items().size());
            cursor = page.nextCursor();
            // an event appended while paging is newer than everything listed, so it never shifts the pages
            if (pageSizes.size() == 1) {
                log.append(event(99));
            }
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(seen).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
    }

    @Test
    void aFullLastPageHasNoNextCursor() {
        appendEvents(4);
        AuditPage first = log.find(AuditQuery.builder().limit(2).build());
        AuditPage second = log.find(AuditQuery.builder().limit(2).cursor(first.nextCursor()).build());
        assertThat(second.items()).extracting(AuditRecord::sequence).containsExactly(2L, 1L);
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void badQueryInputIsRejected() {
        assertValidationFailed(() -> AuditQuery.builder().limit(0).build(), "limit");
        assertValidationFailed(() -> AuditQuery.builder().limit(501).build(), "limit");
        assertValidationFailed(() -> AuditQuery.builder().from(T0.plusSeconds(1)).to(T0).build(), "from");
        assertValidationFailed(() -> new AuditQuery(null, null, null, null, null, "x", null, null, null, null, 10), "resourceId");
        assertValidationFailed(() -> log.find(AuditQuery.builder().cursor("not a cursor!").build()), "cursor");
        assertValidationFailed(() -> log.find(AuditQuery.builder().cursor("YmVmb3JlOi0x").build()), "cursor");
        assertValidationFailed(() -> log.find(AuditQuery.builder().cursor("c2VxOjEy").build()), "cursor");
    }

    @Test
    void anEventBreakingTheLimitsIsRefusedAndNotAppended() {
        assertValidationFailed(() -> log.append(AuditEvent.builder(ALICE, "Dataset Read", Decision.ALLOWED, T0).build()), "action");
        assertValidationFailed(() -> log.append(AuditEvent.builder(ALICE, "dataset.read", Decision.ALLOWED, T0)
                .reason("r".repeat(EventLimits.MAX_REASON_LENGTH + 1)).build()), "reason");
        assertValidationFailed(() -> log.append(AuditEvent.builder(ALICE, "dataset.read", Decision.ALLOWED, T0)
                .detail("accessToken", "eyJ...").build()), "details");
        assertValidationFailed(() -> log.append(AuditEvent.builder(ALICE, "dataset.read", Decision.ALLOWED, T0)
                .requestId("a\0b").build()), "requestId");
        assertThat(log.verify()).isEqualTo(ChainVerification.intact(0));
    }

    private List<Long> sequences(AuditQuery.Builder query) {
        return log.find(query.build()).items().stream().map(AuditRecord::sequence).toList();
    }

    private List<AuditRecord> appendEvents(int count) {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            records.add(log.append(event(i)));
        }
        return records;
    }

    private static AuditEvent event(int n) {
        return AuditEvent.builder(ALICE, "dataset.read", Decision.ALLOWED, T0.plusSeconds(n))
                .resource("dataset", "ds-" + n)
                .reason("dataset:ds-" + n + "#read")
                .requestId("req-" + n)
                .clientAddress("192.0.2.1")
                .detail("rows", Integer.toString(n))
                .build();
    }

    /** What a superuser can do: switch the triggers off, rewrite the table, switch them on again. */
    private void tamper(String... statements) {
        jdbc.sql("ALTER TABLE audit_events DISABLE TRIGGER ALL").update();
        for (String statement : statements) {
            jdbc.sql(statement).update();
        }
        jdbc.sql("ALTER TABLE audit_events ENABLE TRIGGER ALL").update();
    }

    private void assertBrokenAt(long sequence, Problem problem, long eventsChecked) {
        ChainVerification verification = log.verify();
        assertThat(verification.ok()).isFalse();
        assertThat(verification.firstBreak().sequence()).isEqualTo(sequence);
        assertThat(verification.firstBreak().problem()).isEqualTo(problem);
        assertThat(verification.eventsChecked()).isEqualTo(eventsChecked);
    }

    private void assertRefused(String sql, String reason) {
        assertThatThrownBy(() -> jdbc.sql(sql).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .rootCause().hasMessageContaining(reason);
    }

    private static void assertValidationFailed(Runnable action, String field) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(HavenException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.properties()).containsEntry("field", field);
                });
    }
}
