package org.haven.server.idempotency.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.haven.server.idempotency.IdempotencyKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcIdempotencyKeys implements IdempotencyKeys {

    private final JdbcClient jdbc;

    JdbcIdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Claim claim(String scope, String key, String requestFingerprint) {
        int inserted = jdbc.sql("""
                        INSERT INTO idempotency_keys (scope, idempotency_key, request_fingerprint)
                        VALUES (:scope, :key, :fingerprint)
                        ON CONFLICT (scope, idempotency_key) DO NOTHING""")
                .param("scope", scope).param("key", key).param("fingerprint", requestFingerprint)
                .update();
        if (inserted == 1) {
            return new Claim.Started();
        }
        Optional<Existing> existing = jdbc.sql("""
                        SELECT request_fingerprint, response_status, response_type, response_body
                        FROM idempotency_keys WHERE scope = :scope AND idempotency_key = :key""")
                .param("scope", scope).param("key", key)
                .query((rs, row) -> new Existing(
                        rs.getString("request_fingerprint"),
                        (Integer) rs.getObject("response_status"),
                        rs.getString("response_type"),
                        rs.getBytes("response_body")))
                .optional();
        if (existing.isEmpty()) {
            // Released between our insert attempt and the read: the caller may simply try again.
            return claim(scope, key, requestFingerprint);
        }
        Existing found = existing.get();
        if (!found.fingerprint().equals(requestFingerprint)) {
            return new Claim.Mismatch();
        }
        if (found.status() == null) {
            return new Claim.InProgress();
        }
        return new Claim.Replay(new StoredResponse(found.status(), found.contentType(), found.body()));
    }

    @Override
    public void complete(String scope, String key, StoredResponse response) {
        int updated = jdbc.sql("""
                        UPDATE idempotency_keys
                        SET response_status = :status, response_type = :type, response_body = :body, completed_at = now()
                        WHERE scope = :scope AND idempotency_key = :key AND completed_at IS NULL""")
                .param("status", response.status()).param("type", response.contentType()).param("body", response.body())
                .param("scope", scope).param("key", key)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("idempotency key was not claimed or is already complete");
        }
    }

    @Override
    public void release(String scope, String key) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE scope = :scope AND idempotency_key = :key AND completed_at IS NULL")
                .param("scope", scope).param("key", key)
                .update();
    }

    @Override
    public int purgeCreatedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < :cutoff")
                .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .update();
    }

    private record Existing(String fingerprint, Integer status, String contentType, byte[] body) {}
}
