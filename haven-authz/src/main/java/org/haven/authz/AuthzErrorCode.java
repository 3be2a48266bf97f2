package org.haven.authz;

/** Stable error codes of the authorization engine; callers map them to HTTP statuses without parsing messages. */
public enum AuthzErrorCode {
    SCHEMA_INVALID(400, false),
    RELATIONSHIP_INVALID(400, false),
    REQUEST_INVALID(400, false),
    PRECONDITION_FAILED(409, false),
    RELATIONSHIP_EXISTS(409, false),
    DEPTH_LIMIT_EXCEEDED(400, false),
    CAVEAT_EVALUATION_FAILED(400, false),
    REVISION_UNKNOWN(400, false),
    STORE_UNAVAILABLE(503, true),
    VALIDATION_FILE_INVALID(400, false);

    private final int httpStatus;
    private final boolean retryable;

    AuthzErrorCode(int httpStatus, boolean retryable) {
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public boolean retryable() {
        return retryable;
    }
}
