package org.haven.privacy;

/**
 * A key could not be created, unwrapped, used or rotated. Messages name the scope, purpose and keyset id, never key
 * material or the value being processed; the cause is kept only when it is Tink's own (which carries neither).
 */
public class KeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeyException(String message) {
        super(message);
    }

    public KeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
