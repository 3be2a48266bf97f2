package org.haven.storage.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobStoreException;
import org.haven.storage.BlobStoreException.Reason;
import org.haven.storage.PutOptions;

/**
 * Wraps the content of a put so that its size and SHA-256 are known once it is consumed, and so
 * that content past the allowed size fails the put as soon as it arrives rather than after it is
 * stored.
 */
public final class MeasuringInputStream extends FilterInputStream {

    private final BlobKey key;
    private final long maxSize;
    private final MessageDigest digest;
    private long size;
    private String sha256;

    public MeasuringInputStream(InputStream content, BlobKey key, long maxSize) {
        super(content);
        this.key = key;
        this.maxSize = maxSize;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            record(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            record(buffer, offset, n);
        }
        return n;
    }

    /** Skipping would leave bytes unhashed; a put never needs it. */
    @Override
    public long skip(long n) {
        return 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    public long size() {
        return size;
    }

    /** The lowercase hex SHA-256 of everything read; call after the end of the content. */
    public String sha256() {
        if (sha256 == null) {
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
        return sha256;
    }

    /**
     * Fails the put with {@code HASH_MISMATCH} unless {@code sha256} is what the caller expected.
     */
    public static void verify(BlobKey key, String sha256, PutOptions options) {
        options.expectedSha256()
                .ifPresent(
                        expected -> {
                            if (!expected.equals(sha256)) {
                                throw new BlobStoreException(
                                        Reason.HASH_MISMATCH,
                                        "content for %s hashed to %s, expected %s; nothing was stored"
                                                .formatted(key, sha256, expected));
                            }
                        });
    }

    /** Turns a failure to read the caller's content into the module's error. */
    public BlobStoreException readFailure(IOException cause) {
        return new BlobStoreException(
                Reason.IO, "reading the content for " + key + " failed; nothing was stored", cause);
    }

    private void record(byte[] buffer, int offset, int length) {
        size += length;
        if (size > maxSize) {
            throw new BlobStoreException(
                    Reason.TOO_LARGE,
                    "content for %s exceeds %d bytes; nothing was stored".formatted(key, maxSize));
        }
        digest.update(buffer, offset, length);
    }
}
