package org.haven.server.audit.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.haven.server.audit.AuditEvent;
import org.haven.server.audit.AuditLog;
import org.haven.server.audit.AuditPage;
import org.haven.server.audit.AuditQuery;
import org.haven.server.audit.AuditRecord;
import org.haven.server.audit.ChainVerification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log in PostgreSQL. Appends are serialised by the lock on the one-row chain head, taken before the
 * head is read and held until the appending transaction ends: concurrent transactions, in this process or another
 * server's, wait their turn, so the chain stays one line and sequence order is commit order. A transaction that
 * rolls back takes its event and its move of the head with it, leaving no gap. The database's triggers check the
 * link and move the head (see {@code V3__audit_log.sql}); the hash is computed here, in the {@link CanonicalForm}
 * that {@link #verify()} recomputes.
 */
@Repository
class JdbcAuditLog implements AuditLog {

    /** Rows per round trip while verifying: bounds memory whatever the length of the log. */
    private static final int VERIFY_FETCH_SIZE = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate joinOrBegin;
    private final TransactionTemplate snapshot;
    private final AuditSearch search;

    JdbcAuditLog(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.joinOrBegin = new TransactionTemplate(transactions);
        // One snapshot for the head and every event, so appends running meanwhile are not mistaken for damage; a
        // cursor-based fetch in PostgreSQL needs a transaction anyway.
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.search = new AuditSearch(jdbc);
    }

    @Override
    public AuditRecord append(AuditEvent event) {
        return appendAll(List.of(event)).get(0);
    }

    @Override
    public List<AuditRecord> appendAll(List<AuditEvent> events) {
        events.forEach(EventLimits::check);
        if (events.isEmpty()) {
            return List.of();
        }
        return joinOrBegin.execute(status -> appendAfterHead(events));
    }

    @Override
    public AuditPage find(AuditQuery query) {
        return search.find(query);
    }

    @Override
    public ChainVerification verify() {
        return snapshot.execute(status -> {
            ChainWalk walk = new ChainWalk(ChainHead.read(jdbc));
            return jdbc.sql("SELECT " + AuditRows.COLUMNS + " FROM audit_events ORDER BY sequence")
                    .withFetchSize(VERIFY_FETCH_SIZE)
                    .query(walk);
        });
    }

    /**
     * Chains the events onto the locked head and inserts them with one statement, so the database checks the links
     * and moves the head once for the whole batch (see {@code V5__audit_chain_checked_per_statement.sql}).
     */
    private List<AuditRecord> appendAfterHead(List<AuditEvent> events) {
        ChainHead head = ChainHead.lock(jdbc);
        EventColumns columns = new EventColumns(events.size());
        List<ChainedEvent> chained = new ArrayList<>(events.size());
        byte[] previousHash = head.lastHash();
        for (AuditEvent event : events) {
            ChainedEvent link = ChainedEvent.of(head.lastSequence() + chained.size() + 1, event);
            byte[] hash = CanonicalForm.hash(previousHash, link);
            columns.add(link, previousHash, hash);
            chained.add(link);
            previousHash = hash;
        }
        Map<Long, OffsetDateTime> recordedAt = new HashMap<>();
        jdbc.sql("""
                        INSERT INTO audit_events (sequence, tenant_id, actor_type, actor_id, actor_display_name, action,
                            resource_type, resource_id, decision, reason, request_id, client_address, occurred_at,
                            details, previous_hash, hash)
                        SELECT * FROM unnest(CAST(:sequence AS bigint[]), CAST(:tenantId AS text[]),
                            CAST(:actorType AS text[]), CAST(:actorId AS text[]), CAST(:actorDisplayName AS text[]),
                            CAST(:action AS text[]), CAST(:resourceType AS text[]), CAST(:resourceId AS text[]),
                            CAST(:decision AS text[]), CAST(:reason AS text[]), CAST(:requestId AS text[]),
                            CAST(:clientAddress AS text[]), CAST(:occurredAt AS timestamptz[]),
                            CAST(:details AS jsonb[]), CAST(:previousHash AS bytea[]), CAST(:hash AS bytea[]))
                        RETURNING sequence, recorded_at""")
                .paramSource(columns.parameters())
                .query((row, number) -> recordedAt.put(row.getLong("sequence"),
                        row.getObject("recorded_at", OffsetDateTime.class)))
                .list();
        List<AuditRecord> records = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            ChainedEvent link = chained.get(i);
            records.add(new AuditRecord(link.sequence(), events.get(i), columns.previousHashHex(i), columns.hashHex(i),
                    recordedAt.get(link.sequence()).toInstant()));
        }
        return records;
    }
}
