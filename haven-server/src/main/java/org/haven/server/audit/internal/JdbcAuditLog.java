package org.haven.server.audit.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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
        EventLimits.check(event);
        return joinOrBegin.execute(status -> appendAfterHead(event));
    }

    @Override
    public List<AuditRecord> appendAll(List<AuditEvent> events) {
        events.forEach(EventLimits::check);
        // The head stays locked by this transaction after the first append, so the rest extend it without waiting.
        return joinOrBegin.execute(status -> events.stream().map(this::appendAfterHead).toList());
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

    private AuditRecord appendAfterHead(AuditEvent event) {
        ChainHead head = ChainHead.lock(jdbc);
        ChainedEvent chained = ChainedEvent.of(head.lastSequence() + 1, event);
        byte[] hash = CanonicalForm.hash(head.lastHash(), chained);
        OffsetDateTime recordedAt = jdbc.sql("""
                        INSERT INTO audit_events (sequence, tenant_id, actor_type, actor_id, actor_display_name, action,
                            resource_type, resource_id, decision, reason, request_id, client_address, occurred_at,
                            details, previous_hash, hash)
                        VALUES (:sequence, :tenantId, :actorType, :actorId, :actorDisplayName, :action,
                            :resourceType, :resourceId, :decision, :reason, :requestId, :clientAddress, :occurredAt,
                            jsonb_object(CAST(:detailKeys AS text[]), CAST(:detailValues AS text[])), :previousHash, :hash)
                        RETURNING recorded_at""")
                .param("sequence", chained.sequence())
                .param("tenantId", chained.tenantId())
                .param("actorType", chained.actorType())
                .param("actorId", chained.actorId())
                .param("actorDisplayName", chained.actorDisplayName())
                .param("action", chained.action())
                .param("resourceType", chained.resourceType())
                .param("resourceId", chained.resourceId())
                .param("decision", chained.decision())
                .param("reason", chained.reason())
                .param("requestId", chained.requestId())
                .param("clientAddress", chained.clientAddress())
                .param("occurredAt", OffsetDateTime.ofInstant(chained.occurredAt(), ZoneOffset.UTC))
                .param("detailKeys", chained.details().keySet().toArray(String[]::new))
                .param("detailValues", chained.details().values().toArray(String[]::new))
                .param("previousHash", head.lastHash())
                .param("hash", hash)
                .query(OffsetDateTime.class)
                .single();
        return new AuditRecord(chained.sequence(), event, CanonicalForm.hex(head.lastHash()), CanonicalForm.hex(hash),
                recordedAt.toInstant());
    }
}
