package org.haven.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An open read of an object: the bytes of the requested range and what the store knows about the
 * whole object. The stream and the info describe the same version even if the key is overwritten
 * meanwhile. Close it.
 *
 * @param offset where {@code stream} starts within the object
 * @param length how many bytes {@code stream} yields
 */
public record BlobContent(BlobInfo info, long offset, long length, InputStream stream)
        implements AutoCloseable {

    public BlobContent {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(stream, "stream");
    }

    /** Reads the rest of the stream into memory; for small objects and tests. */
    public byte[] readAllBytes() {
        try {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new BlobStoreException(
                    BlobStoreException.Reason.IO,
                    "reading the content of " + info.key() + " failed",
                    e);
        }
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            throw new BlobStoreException(
                    BlobStoreException.Reason.IO,
                    "closing the content of " + info.key() + " failed",
                    e);
        }
    }
}
