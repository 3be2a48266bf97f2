package org.haven.authz;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * An opaque token naming a point in a store's history. Every write returns one; reads given it see at least that
 * write. Tokens carry the store id so that a token from another store is refused instead of silently misread.
 */
public record RevisionToken(String value) {

    public RevisionToken {
        Objects.requireNonNull(value, "value");
    }

    public static RevisionToken of(String storeId, long revision) {
        String plain = "v1:" + revision + ":" + storeId;
        return new RevisionToken(Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
    }

    /** The revision inside the token, after checking that it belongs to {@code storeId}. */
    public long revisionFor(String storeId) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AuthzException(AuthzErrorCode.REVISION_UNKNOWN, "malformed revision token");
        }
        String[] parts = plain.split(":", 3);
        if (parts.length != 3 || !"v1".equals(parts[0])) {
            throw new AuthzException(AuthzErrorCode.REVISION_UNKNOWN, "malformed revision token");
        }
        if (!parts[2].equals(storeId)) {
            throw new AuthzException(AuthzErrorCode.REVISION_UNKNOWN, "revision token belongs to another store");
        }
        try {
            return Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw new AuthzException(AuthzErrorCode.REVISION_UNKNOWN, "malformed revision token");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
