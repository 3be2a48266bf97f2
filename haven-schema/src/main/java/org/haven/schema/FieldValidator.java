package org.haven.schema;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.haven.schema.internal.TypedValues;

/**
 * Checks raw text values against one field. Everything the checks need (pattern, code set, typed limits) is
 * prepared once in {@link #of}; {@link #check} then parses by hand and throws nothing, so it can run for every cell
 * of a large file.
 *
 * <p>Leading and trailing whitespace is removed first, for every type: CSV padding is not data. An empty value is a
 * missing value. A value gets at most one error, the first of: type (or code list), length, pattern, range,
 * allowed values.
 */
public final class FieldValidator {

    private final Field field;
    private final Set<String> codes;
    private final Pattern pattern;
    private final Integer minLength;
    private final Integer maxLength;
    private final Comparable<Object> minimum;
    private final Comparable<Object> maximum;
    private final Set<Object> allowed;

    private FieldValidator(Field field) {
        this.field = field;
        Constraints constraints = field.constraints();
        this.codes = Set.copyOf(field.codeList());
        this.pattern = constraints.compiledPattern();
        this.minLength = constraints.minLength();
        this.maxLength = constraints.maxLength();
        this.minimum = limit(constraints.minimum());
        this.maximum = limit(constraints.maximum());
        Set<Object> allowedValues = new HashSet<>();
        for (String value : constraints.allowedValues()) {
            allowedValues.add(TypedValues.comparable(TypedValues.parse(field.dataType(), value.strip())));
        }
        this.allowed = allowedValues.isEmpty() ? null : Set.copyOf(allowedValues);
    }

    public static FieldValidator of(Field field) {
        return new FieldValidator(Objects.requireNonNull(field, "field"));
    }

    public Field field() {
        return field;
    }

    /** The typed value of {@code raw}, or why it is refused; null and empty both mean missing. */
    public FieldResult check(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            return field.required() ? FieldResult.refused(ErrorKind.MISSING_REQUIRED) : FieldResult.accepted(null);
        }
        Object typed = TypedValues.parse(field.dataType(), text);
        if (typed == null) {
            return FieldResult.refused(TypedValues.notOfType(field.dataType()));
        }
        if (!codes.isEmpty() && !codes.contains(text)) {
            return FieldResult.refused(ErrorKind.NOT_IN_CODE_LIST);
        }
        ErrorKind error = constraintError(text, typed);
        return error == null ? FieldResult.accepted(typed) : FieldResult.refused(error);
    }

    private ErrorKind constraintError(String text, Object typed) {
        if (minLength != null || maxLength != null) {
            int length = text.codePointCount(0, text.length());
            if (minLength != null && length < minLength) {
                return ErrorKind.TOO_SHORT;
            }
            if (maxLength != null && length > maxLength) {
                return ErrorKind.TOO_LONG;
            }
        }
        if (pattern != null && !pattern.matcher(text).matches()) {
            return ErrorKind.PATTERN_MISMATCH;
        }
        if (minimum != null || maximum != null || allowed != null) {
            Object comparable = TypedValues.comparable(typed);
            if ((minimum != null && minimum.compareTo(comparable) > 0)
                    || (maximum != null && maximum.compareTo(comparable) < 0)) {
                return ErrorKind.OUT_OF_RANGE;
            }
            if (allowed != null && !allowed.contains(comparable)) {
                return ErrorKind.NOT_ALLOWED;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private Comparable<Object> limit(String text) {
        return text == null
                ? null
                : (Comparable<Object>) TypedValues.comparable(TypedValues.parse(field.dataType(), text.strip()));
    }
}
