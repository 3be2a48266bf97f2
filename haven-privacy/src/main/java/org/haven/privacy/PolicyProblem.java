package org.haven.privacy;

/**
 * One thing wrong with a policy.
 *
 * @param field the field it is about; null for the document as a whole
 */
public record PolicyProblem(String field, Code code, String message) {

    public enum Code {
        INVALID_DOCUMENT,
        UNKNOWN_FIELD,
        UNKNOWN_TREATMENT,
        TREATMENT_NOT_APPLICABLE,
        UNKNOWN_PARAMETER,
        INVALID_PARAMETER,
        MISSING_PARAMETER
    }

    @Override
    public String toString() {
        return (field == null ? "policy" : "field '" + field + "'") + ": " + message;
    }
}
