package org.haven.storage;

import java.util.Objects;

/**
 * The one exception every blob store operation throws. Callers branch on {@link #reason()}, never
 * on the message, which is written for operators and never contains credentials.
 */
public final class BlobStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Why an operation failed; stable, so that callers can map each reason to a response of their
     * own.
     */
    public enum Reason {
        /** The key breaks the rules in {@link BlobKey}; nothing was written. */
        INVALID_KEY(false),
        /** A prefix, cursor, page size, content type or expected hash is malformed. */
        INVALID_REQUEST(false),
        /** The requested byte range lies outside the object. */
        INVALID_RANGE(false),
        /** No object exists under the key. */
        NOT_FOUND(false),
        /** The content did not hash to the expected SHA-256; nothing was written. */
        HASH_MISMATCH(false),
        /** The content exceeded the size allowed for the put; nothing was written. */
        TOO_LARGE(false),
        /** The object changed while a copy or ranged read was in progress. */
        CONFLICT(true),
        /** Another process already owns the filesystem store root. */
        STORE_LOCKED(false),
        /** The backing store cannot be reached, refused access, or lacks its bucket. */
        UNAVAILABLE(true),
        /** Reading the caller's stream or the store's own files failed. */
        IO(true);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether the same call may succeed when simply tried again later. */
        public boolean retryable() {
            return retryable;
        }
    }

    private final Reason reason;

    public BlobStoreException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public BlobStoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
