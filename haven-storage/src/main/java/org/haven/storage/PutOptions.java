package org.haven.storage;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * How to write one object.
 *
 * @param expectedSha256 when present, the put fails with {@code HASH_MISMATCH} and leaves nothing
 *     behind unless the content hashes to it (hex, any case)
 * @param contentType stored with the object and returned by head and get
 * @param maxSize the put fails with {@code TOO_LARGE} and leaves nothing behind once the content
 *     exceeds it
 */
public record PutOptions(Optional<String> expectedSha256, String contentType, long maxSize) {

    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    /**
     * Fits the filesystem store's fixed-size header with room to spare; real media types are far
     * shorter.
     */
    public static final int MAX_CONTENT_TYPE_LENGTH = 200;

    public PutOptions {
        expectedSha256 = expectedSha256.map(PutOptions::normalisedSha256);
        contentType = checkedContentType(contentType);
        if (maxSize < 0) {
            throw invalid("maximum size must not be negative");
        }
    }

    public static PutOptions defaults() {
        return new PutOptions(Optional.empty(), DEFAULT_CONTENT_TYPE, Long.MAX_VALUE);
    }

    public PutOptions withExpectedSha256(String sha256Hex) {
        return new PutOptions(Optional.of(sha256Hex), contentType, maxSize);
    }

    public PutOptions withContentType(String type) {
        return new PutOptions(expectedSha256, type, maxSize);
    }

    public PutOptions withMaxSize(long bytes) {
        return new PutOptions(expectedSha256, contentType, bytes);
    }

    private static String normalisedSha256(String hex) {
        String lower = hex.toLowerCase(Locale.ROOT);
        if (lower.length() != 64 || !lower.chars().allMatch(HexFormat::isHexDigit)) {
            throw invalid("expected SHA-256 must be 64 hex digits");
        }
        return lower;
    }

    private static String checkedContentType(String type) {
        if (type == null || type.isEmpty()) {
            return DEFAULT_CONTENT_TYPE;
        }
        if (type.length() > MAX_CONTENT_TYPE_LENGTH) {
            throw invalid("content type longer than " + MAX_CONTENT_TYPE_LENGTH + " characters");
        }
        // Printable ASCII only: it becomes an HTTP header on S3 and a header field on disk.
        if (!type.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw invalid("content type must be printable ASCII");
        }
        return type;
    }

    private static BlobStoreException invalid(String message) {
        return new BlobStoreException(BlobStoreException.Reason.INVALID_REQUEST, message);
    }
}
