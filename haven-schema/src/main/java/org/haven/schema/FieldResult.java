package org.haven.schema;

import java.util.EnumMap;
import java.util.Map;

/**
 * The outcome of checking one value: a typed value (null when an optional value is missing) or an error.
 *
 * @param value the typed value; see {@link DataType} for the Java type of each data type
 * @param error why the value was refused; null when it was accepted
 */
public record FieldResult(Object value, ErrorKind error) {

    private static final FieldResult ABSENT = new FieldResult(null, null);
    private static final Map<ErrorKind, FieldResult> FAILURES = new EnumMap<>(ErrorKind.class);

    static {
        for (ErrorKind kind : ErrorKind.values()) {
            FAILURES.put(kind, new FieldResult(null, kind));
        }
    }

    public static FieldResult accepted(Object value) {
        return value == null ? ABSENT : new FieldResult(value, null);
    }

    /** Shared instances, because invalid values are common and need no state beyond the kind. */
    public static FieldResult refused(ErrorKind kind) {
        return FAILURES.get(kind);
    }

    public boolean isValid() {
        return error == null;
    }
}
