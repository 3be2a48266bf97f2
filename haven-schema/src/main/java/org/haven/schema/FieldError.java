package org.haven.schema;

import java.util.Objects;

/**
 * One failed check in one record. {@link #rawValue()} is the value as received and may identify a person: it is
 * kept so the caller can fix or quarantine the row, never printed by {@link #toString()}, and masked by
 * {@link ValidationReport} before it is stored.
 */
public final class FieldError {

    private final String fieldName;
    private final ErrorKind kind;
    private final String rawValue;

    public FieldError(String fieldName, ErrorKind kind, String rawValue) {
        this.fieldName = Objects.requireNonNull(fieldName, "fieldName");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.rawValue = rawValue == null ? "" : rawValue;
    }

    /** The schema field, or for {@link ErrorKind#UNKNOWN_FIELD} the record's column name. */
    public String fieldName() {
        return fieldName;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The value as received; empty for a missing value. */
    public String rawValue() {
        return rawValue;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldError that && fieldName.equals(that.fieldName) && kind == that.kind
                && rawValue.equals(that.rawValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fieldName, kind, rawValue);
    }

    @Override
    public String toString() {
        return "FieldError[" + fieldName + ": " + kind + "]";
    }
}
