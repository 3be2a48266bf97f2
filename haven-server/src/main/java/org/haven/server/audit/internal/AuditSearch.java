package org.haven.server.audit.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.haven.server.audit.AuditPage;
import org.haven.server.audit.AuditQuery;
import org.haven.server.audit.AuditRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The auditors' listing: filters become fixed SQL conditions with bound parameters (no filter text is ever part of
 * the SQL), newest first by sequence, and one row more than a page is read to know whether another page follows.
 */
final class AuditSearch {

    private final JdbcClient jdbc;

    AuditSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    AuditPage find(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ").append(AuditRows.COLUMNS).append(" FROM audit_events WHERE true");
        Conditions conditions = new Conditions(sql);
        conditions.add("tenant_id = :tenantId", "tenantId", query.tenantId());
        conditions.add("actor_type = :actorType", "actorType", query.actorType() == null ? null : query.actorType().name());
        conditions.add("actor_id = :actorId", "actorId", query.actorId());
        conditions.add("action = :action", "action", query.action());
        conditions.add("resource_type = :resourceType", "resourceType", query.resourceType());
        conditions.add("resource_id = :resourceId", "resourceId", query.resourceId());
        conditions.add("decision = :decision", "decision", query.decision() == null ? null : query.decision().name());
        conditions.add("occurred_at >= :from", "from", query.from() == null ? null : OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        conditions.add("occurred_at < :to", "to", query.to() == null ? null : OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        conditions.add("sequence < :below", "below", query.cursor() == null ? null : AuditCursor.sequenceBelow(query.cursor()));
        sql.append(" ORDER BY sequence DESC LIMIT :limit");
        List<AuditRecord> rows = jdbc.sql(sql.toString())
                .params(conditions.parameters)
                .param("limit", query.limit() + 1)
                .query((row, number) -> AuditRows.record(row))
                .list();
        if (rows.size() <= query.limit()) {
            return new AuditPage(rows, null);
        }
        List<AuditRecord> page = rows.subList(0, query.limit());
        return new AuditPage(page, AuditCursor.after(page.get(page.size() - 1).sequence()));
    }

    /** The conditions of the filters that are set, and their parameters. */
    private static final class Conditions {

        private final StringBuilder sql;
        private final Map<String, Object> parameters = new HashMap<>();

        Conditions(StringBuilder sql) {
            this.sql = sql;
        }

        void add(String condition, String parameter, Object value) {
            if (value != null) {
                sql.append(" AND ").append(condition);
                parameters.put(parameter, value);
            }
        }
    }
}
