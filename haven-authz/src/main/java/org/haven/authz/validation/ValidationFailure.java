package org.haven.authz.validation;

/** A failed assertion or expectation, with the 1-based line in the validation file. */
public record ValidationFailure(int line, String message) {
    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
