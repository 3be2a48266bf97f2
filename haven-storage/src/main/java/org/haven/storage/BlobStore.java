package org.haven.storage;

import java.io.InputStream;
import java.util.Optional;

/**
 * A flat namespace of immutable-per-version objects addressed by {@link BlobKey}. Every operation
 * either completes or leaves the store as it was: a reader sees an old version or a new one, never
 * part of one. Every failure is a {@link BlobStoreException}. Implementations are safe for
 * concurrent use.
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Streams {@code content} into the object at {@code key}, replacing any previous version,
     * without holding the whole content in memory. The SHA-256 and size are computed on the way.
     * The caller keeps ownership of {@code content} and closes it.
     */
    BlobInfo put(BlobKey key, InputStream content, PutOptions options);

    default BlobInfo put(BlobKey key, InputStream content) {
        return put(key, content, PutOptions.defaults());
    }

    /** Opens the whole object; fails with {@code NOT_FOUND} if there is none. */
    BlobContent get(BlobKey key);

    /**
     * Opens part of the object; fails with {@code INVALID_RANGE} if the range starts past its end.
     */
    BlobContent get(BlobKey key, ByteRange range);

    /** What is known about the object, without reading its content. */
    Optional<BlobInfo> head(BlobKey key);

    /**
     * Up to {@code limit} objects whose keys start with {@code prefix}, in code-point order of
     * their keys, after the position {@code cursor} (a {@link BlobPage#nextCursor()}, or null for
     * the first page) points at.
     */
    BlobPage list(String prefix, String cursor, int limit);

    /** Removes the object; returns whether there was one. */
    boolean delete(BlobKey key);

    /**
     * Copies the object at {@code source}, content type included, to {@code target}, replacing any
     * object there.
     */
    BlobInfo copy(BlobKey source, BlobKey target);

    /**
     * Touches the backing store for real (for a readiness probe); fails with {@code UNAVAILABLE} or
     * {@code IO}.
     */
    void check();

    @Override
    void close();
}
