package org.haven.server.audit.internal;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A batch of chained events laid out column by column, one array per column of {@code audit_events}, so that the
 * whole batch goes to PostgreSQL as one {@code INSERT ... SELECT FROM unnest(...)} statement.
 */
final class EventColumns {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final long[] sequence;
    private final String[] tenantId;
    private final String[] actorType;
    private final String[] actorId;
    private final String[] actorDisplayName;
    private final String[] action;
    private final String[] resourceType;
    private final String[] resourceId;
    private final String[] decision;
    private final String[] reason;
    private final String[] requestId;
    private final String[] clientAddress;
    private final String[] occurredAt;
    private final String[] details;
    private final byte[][] previousHash;
    private final byte[][] hash;
    private int size;

    EventColumns(int capacity) {
        sequence = new long[capacity];
        tenantId = new String[capacity];
        actorType = new String[capacity];
        actorId = new String[capacity];
        actorDisplayName = new String[capacity];
        action = new String[capacity];
        resourceType = new String[capacity];
        resourceId = new String[capacity];
        decision = new String[capacity];
        reason = new String[capacity];
        requestId = new String[capacity];
        clientAddress = new String[capacity];
        occurredAt = new String[capacity];
        details = new String[capacity];
        previousHash = new byte[capacity][];
        hash = new byte[capacity][];
    }

    void add(ChainedEvent event, byte[] previous, byte[] eventHash) {
        int i = size++;
        sequence[i] = event.sequence();
        tenantId[i] = event.tenantId();
        actorType[i] = event.actorType();
        actorId[i] = event.actorId();
        actorDisplayName[i] = event.actorDisplayName();
        action[i] = event.action();
        resourceType[i] = event.resourceType();
        resourceId[i] = event.resourceId();
        decision[i] = event.decision();
        reason[i] = event.reason();
        requestId[i] = event.requestId();
        clientAddress[i] = event.clientAddress();
        // ISO-8601 in UTC to the microsecond (AuditEvent keeps no finer), which timestamptz reads back exactly.
        occurredAt[i] = event.occurredAt().toString();
        details[i] = JSON.writeValueAsString(event.details());
        previousHash[i] = previous;
        hash[i] = eventHash;
    }

    String previousHashHex(int index) {
        return CanonicalForm.hex(previousHash[index]);
    }

    String hashHex(int index) {
        return CanonicalForm.hex(hash[index]);
    }

    SqlParameterSource parameters() {
        return new MapSqlParameterSource()
                .addValue("sequence", sequence)
                .addValue("tenantId", tenantId)
                .addValue("actorType", actorType)
                .addValue("actorId", actorId)
                .addValue("actorDisplayName", actorDisplayName)
                .addValue("action", action)
                .addValue("resourceType", resourceType)
                .addValue("resourceId", resourceId)
                .addValue("decision", decision)
                .addValue("reason", reason)
                .addValue("requestId", requestId)
                .addValue("clientAddress", clientAddress)
                .addValue("occurredAt", occurredAt)
                .addValue("details", details)
                .addValue("previousHash", previousHash)
                .addValue("hash", hash);
    }
}
