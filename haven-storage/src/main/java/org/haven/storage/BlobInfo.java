package org.haven.storage;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a store knows about an object without reading it: size and SHA-256 were computed while it
 * was written, so they always describe exactly the bytes a read returns.
 *
 * @param sha256 lowercase hex SHA-256 of the whole content
 */
public record BlobInfo(
        BlobKey key, long size, String sha256, String contentType, Instant lastModified) {

    public BlobInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(lastModified, "lastModified");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }

    /** The SHA-256 as raw bytes, e.g. for an HTTP {@code Repr-Digest} header. */
    public byte[] sha256Bytes() {
        return HexFormat.of().parseHex(sha256);
    }
}
