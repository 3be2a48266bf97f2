package org.haven.server.errors;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every error a client can receive. The {@link #code()} and {@link #type()} are part of the API: clients match
 * on them, so they never change once released. Add codes; do not rename them.
 */
public enum ErrorCode {
    BAD_REQUEST(400, "Bad request", false),
    MALFORMED_JSON(400, "Malformed JSON", false),
    VALIDATION_FAILED(400, "Validation failed", false),
    INVALID_BLOB_KEY(400, "Invalid object key", false),
    INVALID_RANGE(416, "Range not satisfiable", false),
    UNAUTHENTICATED(401, "Authentication required", false),
    FORBIDDEN(403, "Forbidden", false),
    NOT_FOUND(404, "Not found", false),
    METHOD_NOT_ALLOWED(405, "Method not allowed", false),
    NOT_ACCEPTABLE(406, "Not acceptable", false),
    CONFLICT(409, "Conflict", false),
    QUOTA_EXCEEDED(409, "Quota exceeded", false),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused for a different request", false),
    IDEMPOTENT_REQUEST_IN_PROGRESS(409, "A request with this idempotency key is still running", true),
    HASH_MISMATCH(422, "Content hash mismatch", false),
    PAYLOAD_TOO_LARGE(413, "Payload too large", false),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", false),
    HEADERS_TOO_LARGE(431, "Request headers too large", false),
    RATE_LIMITED(429, "Too many requests", true),
    /** A dataset schema Haven refuses; {@code errors} lists each problem with its JSON path. */
    INVALID_SCHEMA(400, "Invalid schema", false),
    /** A new schema version with breaking changes and no {@code allow_breaking}; {@code changes} lists them. */
    BREAKING_SCHEMA_CHANGE(409, "Breaking schema change", false),
    /** A pipeline definition Haven refuses; {@code errors} lists each problem. */
    INVALID_PIPELINE(400, "Invalid pipeline definition", false),
    INTERNAL(500, "Internal error", true),
    UNAVAILABLE(503, "Service unavailable", true);

    private static final String TYPE_PREFIX = "urn:haven:problem:";

    private final int status;
    private final String title;
    private final boolean retryable;

    ErrorCode(int status, String title, boolean retryable) {
        this.status = status;
        this.title = title;
        this.retryable = retryable;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The stable machine-readable code, e.g. {@code not-found}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The RFC 9457 problem type URI, e.g. {@code urn:haven:problem:not-found}. */
    public String type() {
        return TYPE_PREFIX + code();
    }

    /** The generic code for a status raised outside Haven's code (by the servlet container, say). */
    public static ErrorCode forStatus(int status) {
        Optional<ErrorCode> generic = Arrays.stream(values())
                .filter(code -> code.status == status)
                .findFirst();
        if (generic.isPresent()) {
            return generic.get();
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
