package org.haven.server.storage;

import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.storage.BlobStoreException;

/** How blob store failures read to a client: what was wrong with the request, or that the store is unavailable. */
public final class BlobStoreProblems {

    private BlobStoreProblems() {}

    public static HavenException toHavenException(BlobStoreException e) {
        ErrorCode code = switch (e.reason()) {
            case INVALID_KEY -> ErrorCode.INVALID_BLOB_KEY;
            case INVALID_REQUEST -> ErrorCode.BAD_REQUEST;
            case INVALID_RANGE -> ErrorCode.INVALID_RANGE;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case HASH_MISMATCH -> ErrorCode.HASH_MISMATCH;
            case TOO_LARGE -> ErrorCode.PAYLOAD_TOO_LARGE;
            case CONFLICT -> ErrorCode.CONFLICT;
            case STORE_LOCKED, UNAVAILABLE, IO -> ErrorCode.UNAVAILABLE;
        };
        // Messages about the request are safe to show; those about the store's internals stay in the log.
        String detail = code == ErrorCode.UNAVAILABLE ? "The blob store is unavailable; try again later" : e.getMessage();
        return new HavenException(code, detail, e);
    }
}
