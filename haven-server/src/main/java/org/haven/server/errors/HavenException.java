package org.haven.server.errors;

import java.util.Map;

/**
 * The root of every error Haven reports to a client. The detail is shown to the client, so it must explain the
 * problem in terms of the request and never contain secrets, stack traces or another tenant's data.
 */
public class HavenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final transient Map<String, Object> properties;

    public HavenException(ErrorCode errorCode, String detail) {
        this(errorCode, detail, Map.of(), null);
    }

    public HavenException(ErrorCode errorCode, String detail, Throwable cause) {
        this(errorCode, detail, Map.of(), cause);
    }

    /** {@code properties} become extension members of the problem document (e.g. the offending field). */
    public HavenException(ErrorCode errorCode, String detail, Map<String, Object> properties, Throwable cause) {
        super(detail, cause);
        this.errorCode = errorCode;
        this.properties = Map.copyOf(properties);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
