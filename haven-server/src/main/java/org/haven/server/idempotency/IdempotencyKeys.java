package org.haven.server.idempotency;

import java.time.Instant;

/** Remembers the outcome of requests sent with an {@code Idempotency-Key}. */
public interface IdempotencyKeys {

    /**
     * Claims {@code key} for a request, atomically: exactly one of any number of concurrent callers with the same
     * scope and key gets {@link Claim.Started}.
     */
    Claim claim(String scope, String key, String requestFingerprint);

    /** Records the response of a request that {@link #claim} started. */
    void complete(String scope, String key, StoredResponse response);

    /** Forgets a started request that failed before producing a response, so the client may retry it. */
    void release(String scope, String key);

    /** Forgets keys created before {@code cutoff}; returns how many. */
    int purgeCreatedBefore(Instant cutoff);

    /** A response as first sent. */
    record StoredResponse(int status, String contentType, byte[] body) {}

    /** What a claim found. */
    sealed interface Claim {
        /** The key is new: run the request, then {@link #complete} or {@link #release}. */
        record Started() implements Claim {}

        /** The same request finished before: send this response again. */
        record Replay(StoredResponse response) implements Claim {}

        /** The same request is still running elsewhere. */
        record InProgress() implements Claim {}

        /** The key was used for a different request. */
        record Mismatch() implements Claim {}
    }
}
