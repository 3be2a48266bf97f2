package org.haven.server.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.ApiTokens;
import org.haven.server.identity.Principal;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcApiTokens implements ApiTokens {

    private static final String APP_KIND = "app";
    private static final String PERSONAL_KIND = "pat";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN_ID = Pattern.compile("[0-9a-f]{20}");
    private static final RowMapper<TokenInfo> INFO = (rs, row) -> new TokenInfo(
            rs.getString("id"), rs.getString("name"),
            instant(rs.getObject("created_at", OffsetDateTime.class)),
            instant(rs.getObject("expires_at", OffsetDateTime.class)),
            instant(rs.getObject("revoked_at", OffsetDateTime.class)),
            instant(rs.getObject("last_used_at", OffsetDateTime.class)));

    private final JdbcClient jdbc;

    JdbcApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public IssuedToken createAppKey(UUID tenantId, UUID appId, String name, Instant expiresAt) {
        // Lock the app so that two concurrent creations cannot both see one active key.
        jdbc.sql("SELECT id FROM apps WHERE tenant_id = :tenant AND id = :app FOR UPDATE")
                .param("tenant", tenantId).param("app", appId).query(UUID.class).optional()
                .orElseThrow(() -> new HavenException(ErrorCode.NOT_FOUND, "No such app"));
        long active = jdbc.sql("""
                        SELECT count(*) FROM api_tokens WHERE tenant_id = :tenant AND app_id = :app
                        AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())""")
                .param("tenant", tenantId).param("app", appId).query(Long.class).single();
        if (active >= MAX_ACTIVE_APP_KEYS) {
            throw new HavenException(ErrorCode.CONFLICT,
                    "The app already has " + MAX_ACTIVE_APP_KEYS + " active keys; revoke one before creating another");
        }
        return insert(APP_KIND, tenantId, appId, null, name, expiresAt);
    }

    @Override
    public IssuedToken createPersonalToken(UUID userId, String name, Instant expiresAt) {
        return insert(PERSONAL_KIND, null, null, userId, name, expiresAt);
    }

    private IssuedToken insert(String kind, UUID tenantId, UUID appId, UUID userId, String name, Instant expiresAt) {
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, "expires_at must be in the future");
        }
        String id = randomId();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String encodedSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        TokenInfo info = jdbc.sql("""
                        INSERT INTO api_tokens (id, tenant_id, app_id, user_id, name, secret_hash, expires_at)
                        VALUES (:id, :tenant, :app, :user, :name, :hash, :expires)
                        RETURNING id, name, created_at, expires_at, revoked_at, last_used_at""")
                .param("id", id).param("tenant", tenantId).param("app", appId).param("user", userId).param("name", name)
                .param("hash", sha256(encodedSecret))
                .param("expires", expiresAt == null ? null : OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
                .query(INFO).single();
        return new IssuedToken(info, "hvn_" + kind + "_" + id + "_" + encodedSecret);
    }

    @Override
    public List<TokenInfo> appKeys(UUID tenantId, UUID appId) {
        return jdbc.sql("""
                        SELECT id, name, created_at, expires_at, revoked_at, last_used_at FROM api_tokens
                        WHERE tenant_id = :tenant AND app_id = :app ORDER BY created_at, id""")
                .param("tenant", tenantId).param("app", appId).query(INFO).list();
    }

    @Override
    public List<TokenInfo> personalTokens(UUID userId) {
        return jdbc.sql("""
                        SELECT id, name, created_at, expires_at, revoked_at, last_used_at FROM api_tokens
                        WHERE user_id = :user ORDER BY created_at, id""")
                .param("user", userId).query(INFO).list();
    }

    @Override
    public boolean revokeAppKey(UUID tenantId, UUID appId, String tokenId) {
        return jdbc.sql("""
                        UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now())
                        WHERE tenant_id = :tenant AND app_id = :app AND id = :id""")
                .param("tenant", tenantId).param("app", appId).param("id", tokenId).update() == 1;
    }

    @Override
    public boolean revokePersonalToken(UUID userId, String tokenId) {
        return jdbc.sql("UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE user_id = :user AND id = :id")
                .param("user", userId).param("id", tokenId).update() == 1;
    }

    @Override
    public Optional<Principal> authenticate(String presented) {
        String[] parts = presented.split("_", 4);
        if (parts.length != 4 || !"hvn".equals(parts[0]) || !(APP_KIND.equals(parts[1]) || PERSONAL_KIND.equals(parts[1]))
                || !TOKEN_ID.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        Optional<Candidate> candidate = jdbc.sql("""
                        SELECT t.secret_hash, t.app_id, t.tenant_id, a.name AS app_name, t.user_id, u.display_name, u.email
                        FROM api_tokens t
                        LEFT JOIN apps a ON a.tenant_id = t.tenant_id AND a.id = t.app_id
                        LEFT JOIN users u ON u.id = t.user_id
                        WHERE t.id = :id AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())""")
                .param("id", parts[2])
                .query((rs, row) -> new Candidate(rs.getBytes("secret_hash"),
                        rs.getObject("app_id", UUID.class) != null
                                ? new Principal.App(rs.getObject("app_id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("app_name"))
                                : new Principal.User(rs.getObject("user_id", UUID.class), rs.getString("display_name"), rs.getString("email"))))
                .optional();
        if (candidate.isEmpty()) {
            return Optional.empty();
        }
        boolean kindMatches = APP_KIND.equals(parts[1]) == candidate.get().principal() instanceof Principal.App;
        // Constant-time comparison: timing must not tell how much of a forged secret was right.
        if (!kindMatches || !MessageDigest.isEqual(candidate.get().secretHash(), sha256(parts[3]))) {
            return Optional.empty();
        }
        jdbc.sql("""
                        UPDATE api_tokens SET last_used_at = now()
                        WHERE id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""")
                .param("id", parts[2]).update();
        return Optional.of(candidate.get().principal());
    }

    private static String randomId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private record Candidate(byte[] secretHash, Principal principal) {}
}
