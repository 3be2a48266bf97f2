package org.haven.server.audit.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The sequence and hash of the newest event, as the one-row {@code audit_chain_head} table records them. */
record ChainHead(long lastSequence, byte[] lastHash) {

    /** Waits for, then holds until the transaction ends, the lock that serialises appends. */
    static ChainHead lock(JdbcClient jdbc) {
        return read(jdbc, "SELECT last_sequence, last_hash FROM audit_chain_head FOR UPDATE");
    }

    static ChainHead read(JdbcClient jdbc) {
        return read(jdbc, "SELECT last_sequence, last_hash FROM audit_chain_head");
    }

    private static ChainHead read(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql)
                .query((row, number) -> new ChainHead(row.getLong("last_sequence"), row.getBytes("last_hash")))
                .single();
    }
}
