package org.haven.authz;

/** The one root exception of the engine; every failure it reports carries an {@link AuthzErrorCode}. */
public class AuthzException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final AuthzErrorCode code;

    public AuthzException(AuthzErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public AuthzException(AuthzErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public AuthzErrorCode code() {
        return code;
    }
}
