package org.haven.storage;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing, in key order, with the cursor that continues after its last entry.
 *
 * @param nextCursor present exactly when more keys may follow; pass it back unchanged
 */
public record BlobPage(List<BlobSummary> items, Optional<String> nextCursor) {

    /** The most entries a single page may ask for. */
    public static final int MAX_LIMIT = 1000;

    public BlobPage {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }

    /**
     * The cursor that resumes a listing after {@code key}. It is opaque to callers so that its
     * encoding can change; today it is the key itself, base64url-encoded so that it travels safely
     * in a query string.
     */
    public static String cursorAfter(BlobKey key) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(key.value().getBytes(StandardCharsets.UTF_8));
    }

    /** The key a cursor resumes after, or empty for a listing from the start. */
    public static Optional<BlobKey> keyAfter(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Optional.empty();
        }
        try {
            String value =
                    new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return Optional.of(new BlobKey(value));
        } catch (IllegalArgumentException | BlobStoreException e) {
            throw new BlobStoreException(
                    BlobStoreException.Reason.INVALID_REQUEST, "malformed listing cursor");
        }
    }

    /** Rejects page sizes outside 1 to {@value #MAX_LIMIT}. */
    public static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BlobStoreException(
                    BlobStoreException.Reason.INVALID_REQUEST,
                    "page size must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        return limit;
    }
}
