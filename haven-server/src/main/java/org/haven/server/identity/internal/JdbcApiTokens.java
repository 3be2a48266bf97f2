package org.haven.server.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.haven.server.database.DatabaseNotifications;
import org.haven.server.database.NotifiedCache;
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

    private static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    /**
     * Token rows as last read, so a request with a known token needs no query: the stored hash (never the secret),
     * against which every presented secret is still checked. Migration V16 announces revocations and expiry changes.
     */
    private final NotifiedCache<String, Row> verified;
    /** When this server last wrote each token's last_used_at, by System.nanoTime(). */
    private final Map<String, Long> lastUseRecorded = new ConcurrentHashMap<>();

    JdbcApiTokens(JdbcClient jdbc, DatabaseNotifications notifications) {
        this.jdbc = jdbc;
        this.verified = new NotifiedCache<>(notifications, "haven_api_tokens", Duration.ofMinutes(1),
                (announced, tokenId, row) -> announced.equals(tokenId));
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
        boolean revoked = jdbc.sql("""
                        UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now())
                        WHERE tenant_id = :tenant AND app_id = :app AND id = :id""")
                .param("tenant", tenantId).param("app", appId).param("id", tokenId).update() == 1;
        verified.dropWhenCommitted(tokenId::equals);
        return revoked;
    }

    @Override
    public boolean revokePersonalToken(UUID userId, String tokenId) {
        boolean revoked = jdbc.sql(
                        "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE user_id = :user AND id = :id")
                .param("user", userId).param("id", tokenId).update() == 1;
        verified.dropWhenCommitted(tokenId::equals);
        return revoked;
    }

    @Override
    public Optional<Principal> authenticate(String presented) {
        String[] parts = presented.split("_", 4);
        if (parts.length != 4 || !"hvn".equals(parts[0]) || !(APP_KIND.equals(parts[1]) || PERSONAL_KIND.equals(parts[1]))
                || !TOKEN_ID.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        String id = parts[2];
        Optional<Row> row = verified.get(id, () -> readActive(id));
        if (row.isEmpty() || (row.get().expiresAt() != null && !row.get().expiresAt().isAfter(Instant.now()))) {
            return Optional.empty();
        }
        boolean kindMatches = APP_KIND.equals(parts[1]) == row.get().principal() instanceof Principal.App;
        // Constant-time comparison: timing must not tell how much of a forged secret was right.
        if (!kindMatches || !MessageDigest.isEqual(row.get().secretHash(), sha256(parts[3]))) {
            return Optional.empty();
        }
        recordUse(id);
        return Optional.of(row.get().principal());
    }

    private Optional<Row> readActive(String id) {
        return jdbc.sql("""
                        SELECT t.secret_hash, t.expires_at, t.app_id, t.tenant_id, a.name AS app_name, t.user_id,
                               u.display_name, u.email
                        FROM api_tokens t
                        LEFT JOIN apps a ON a.tenant_id = t.tenant_id AND a.id = t.app_id
                        LEFT JOIN users u ON u.id = t.user_id
                        WHERE t.id = :id AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())""")
                .param("id", id)
                .query((rs, row) -> new Row(rs.getBytes("secret_hash"),
                        rs.getObject("app_id", UUID.class) != null
                                ? new Principal.App(rs.getObject("app_id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("app_name"))
                                : new Principal.User(rs.getObject("user_id", UUID.class), rs.getString("display_name"), rs.getString("email")),
                        instant(rs.getObject("expires_at", OffsetDateTime.class))))
                .optional();
    }

    /** Keeps last_used_at to the minute, with at most one write a minute per token from this server. */
    private void recordUse(String id) {
        long now = System.nanoTime();
        Long previous = lastUseRecorded.get(id);
        if (previous != null && now - previous < LAST_USE_RESOLUTION.toNanos()) {
            return;
        }
        boolean ours = previous == null ? lastUseRecorded.putIfAbsent(id, now) == null
                : lastUseRecorded.replace(id, previous, now);
        if (!ours) {
            return; // another request on this server is writing it
        }
        jdbc.sql("""
                        UPDATE api_tokens SET last_used_at = now()
                        WHERE id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""")
                .param("id", id).update();
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

    /** What authentication needs of a token's row. */
    private record Row(byte[] secretHash, Principal principal, Instant expiresAt) {}

}
