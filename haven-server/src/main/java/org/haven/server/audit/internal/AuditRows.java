package org.haven.server.audit.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.haven.server.audit.AuditRecord;

/** Reading {@code audit_events} rows: the column list every query selects and the mapping of one row. */
final class AuditRows {

    /** Details come back as two arrays in the same key order, so no JSON parser is needed to read them. */
    static final String COLUMNS = """
            sequence, tenant_id, actor_type, actor_id, actor_display_name, action, resource_type, resource_id,
            decision, reason, request_id, client_address, occurred_at,
            ARRAY(SELECT d.key FROM jsonb_each_text(details) d ORDER BY d.key) AS detail_keys,
            ARRAY(SELECT d.value FROM jsonb_each_text(details) d ORDER BY d.key) AS detail_values,
            previous_hash, hash, recorded_at""";

    private AuditRows() {}

    static ChainedEvent chainedEvent(ResultSet row) throws SQLException {
        return new ChainedEvent(
                row.getLong("sequence"),
                row.getString("actor_type"),
                row.getString("actor_id"),
                row.getString("tenant_id"),
                row.getString("actor_display_name"),
                row.getString("action"),
                row.getString("resource_type"),
                row.getString("resource_id"),
                row.getString("decision"),
                row.getString("reason"),
                row.getString("request_id"),
                row.getString("client_address"),
                instant(row, "occurred_at"),
                details(row.getArray("detail_keys"), row.getArray("detail_values")));
    }

    static AuditRecord record(ResultSet row) throws SQLException {
        ChainedEvent event = chainedEvent(row);
        return new AuditRecord(event.sequence(), event.toEvent(), CanonicalForm.hex(row.getBytes("previous_hash")),
                CanonicalForm.hex(row.getBytes("hash")), instant(row, "recorded_at"));
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Map<String, String> details(Array keys, Array values) throws SQLException {
        String[] keyArray = (String[]) keys.getArray();
        String[] valueArray = (String[]) values.getArray();
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < keyArray.length; i++) {
            details.put(keyArray[i], valueArray[i]);
        }
        return details;
    }
}
