package org.haven.pipelines;

/** Stable error codes of the pipeline engine; callers map them to HTTP statuses without parsing messages. */
public enum PipelineErrorCode {
    DEFINITION_INVALID(400, false),
    REQUEST_INVALID(400, false),
    PIPELINE_NOT_FOUND(404, false),
    PIPELINE_DISABLED(409, false),
    RUN_NOT_FOUND(404, false),
    RUN_STATE_CONFLICT(409, false),
    STORE_UNAVAILABLE(503, true);

    private final int httpStatus;
    private final boolean retryable;

    PipelineErrorCode(int httpStatus, boolean retryable) {
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
