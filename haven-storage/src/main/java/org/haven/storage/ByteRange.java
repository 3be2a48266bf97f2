package org.haven.storage;

/**
 * A part of an object to read, with HTTP {@code Range} semantics: an end past the object is cut to
 * its end, a start past the end cannot be satisfied.
 *
 * @param first offset of the first byte, or -1 for a suffix range
 * @param last offset of the last byte (inclusive), or -1 for "to the end"; for a suffix range, the
 *     byte count
 */
public record ByteRange(long first, long last) {

    public ByteRange {
        boolean suffix = first == -1 && last > 0;
        boolean open = first >= 0 && last == -1;
        boolean closed = first >= 0 && last >= first;
        if (!suffix && !open && !closed) {
            throw new BlobStoreException(
                    BlobStoreException.Reason.INVALID_RANGE,
                    "invalid byte range: first=%d last=%d".formatted(first, last));
        }
    }

    /** Bytes {@code first} to {@code last}, both included. */
    public static ByteRange of(long first, long last) {
        if (first < 0) {
            throw new BlobStoreException(
                    BlobStoreException.Reason.INVALID_RANGE, "a range cannot start before 0");
        }
        return new ByteRange(first, last);
    }

    /** From {@code first} to the end of the object. */
    public static ByteRange from(long first) {
        if (first < 0) {
            throw new BlobStoreException(
                    BlobStoreException.Reason.INVALID_RANGE, "a range cannot start before 0");
        }
        return new ByteRange(first, -1);
    }

    /** The last {@code length} bytes, or the whole object if it is shorter. */
    public static ByteRange lastBytes(long length) {
        if (length <= 0) {
            throw new BlobStoreException(
                    BlobStoreException.Reason.INVALID_RANGE,
                    "a suffix range needs at least one byte");
        }
        return new ByteRange(-1, length);
    }

    /**
     * Where this range starts in an object of {@code size} bytes; rejects a range the object cannot
     * satisfy.
     */
    public long offsetIn(long size) {
        if (first == -1) {
            return Math.max(0, size - last);
        }
        if (first >= size) {
            throw new BlobStoreException(
                    BlobStoreException.Reason.INVALID_RANGE,
                    "range starts at byte %d of an object of %d bytes".formatted(first, size));
        }
        return first;
    }

    /** How many bytes this range covers in an object of {@code size} bytes. */
    public long lengthIn(long size) {
        long offset = offsetIn(size);
        if (first == -1) {
            if (size == 0) {
                throw new BlobStoreException(
                        BlobStoreException.Reason.INVALID_RANGE,
                        "an empty object has no bytes to range over");
            }
            return size - offset;
        }
        long end = last == -1 ? size - 1 : Math.min(last, size - 1);
        return end - offset + 1;
    }

    /**
     * The value of an HTTP {@code Range} header asking for exactly this range of an object of
     * {@code size} bytes.
     */
    public String httpHeaderIn(long size) {
        long offset = offsetIn(size);
        return "bytes=%d-%d".formatted(offset, offset + lengthIn(size) - 1);
    }
}
