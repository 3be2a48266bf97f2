package org.haven.server.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * API keys of apps and personal access tokens of users. A token is {@code hvn_<kind>_<id>_<secret>}: the id finds
 * the row, only a SHA-256 of the secret is stored, and the whole token is shown once, when it is created. An app
 * holds at most {@value #MAX_ACTIVE_APP_KEYS} active keys, so a new key can be rolled out before the old one is
 * revoked.
 */
public interface ApiTokens {

    int MAX_ACTIVE_APP_KEYS = 2;

    IssuedToken createAppKey(UUID tenantId, UUID appId, String name, Instant expiresAt);

    IssuedToken createPersonalToken(UUID userId, String name, Instant expiresAt);

    List<TokenInfo> appKeys(UUID tenantId, UUID appId);

    List<TokenInfo> personalTokens(UUID userId);

    /** Revokes at once: the next request with the token is refused. Returns false if there was no such token. */
    boolean revokeAppKey(UUID tenantId, UUID appId, String tokenId);

    boolean revokePersonalToken(UUID userId, String tokenId);

    /** The principal a presented token stands for, if it is genuine, unexpired and unrevoked. */
    Optional<Principal> authenticate(String presented);

    /** Whether a bearer credential has the shape of a Haven API token (rather than a JWT). */
    static boolean looksLikeApiToken(String presented) {
        return presented.startsWith("hvn_");
    }

    record TokenInfo(String id, String name, Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {}

    /** A token just created: {@code token} is the only time the secret is seen. */
    record IssuedToken(TokenInfo info, String token) {}
}
