package org.haven.fhir;

/**
 * Why talking to a FHIR server failed, and whether trying the same crawl or export again later may succeed. New kinds
 * may be added: treat an unknown one by {@link #isRetryable()}.
 */
public enum FhirError {
    /** No connection could be made (refused, unknown host, reset). */
    UNREACHABLE(true),
    /** No response within the read timeout. */
    TIMEOUT(true),
    /** The server kept answering 429 Too Many Requests, or asked to wait longer than allowed. */
    RATE_LIMITED(true),
    /** The server kept answering 5xx. */
    SERVER_ERROR(true),
    /** 401 or 403 from the server, or a token endpoint that refused the client. */
    AUTHENTICATION_FAILED(false),
    /** Another 4xx: the request itself is wrong for this server. */
    REQUEST_REJECTED(false),
    /** A response that is not what FHIR promises: not a Bundle, unparseable, or a next link to another server. */
    INVALID_RESPONSE(false),
    /** The crawl was interrupted by its caller. */
    INTERRUPTED(true),
    /**
     * A bulk export the server accepted and then reported as failed: an error answer from its status URL, or an
     * OperationOutcome of severity error in the manifest's error files.
     */
    EXPORT_FAILED(false);

    private final boolean retryable;

    FhirError(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
