package org.haven.privacy.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.haven.privacy.PolicyProblem;
import org.haven.privacy.PolicyProblem.Code;

/** Reads a treatment's parameters for one field, collecting problems that name the field instead of throwing. */
final class Parameters {

    private final String field;
    private final Map<String, Object> values;
    private final List<PolicyProblem> problems;

    Parameters(String field, Map<String, Object> values, List<PolicyProblem> problems) {
        this.field = field;
        this.values = values;
        this.problems = problems;
    }

    void allowOnly(Set<String> names, String treatment) {
        for (String name : values.keySet()) {
            if (!names.contains(name)) {
                problem(Code.UNKNOWN_PARAMETER, "'" + name + "' is not a parameter of " + treatment
                        + (names.isEmpty() ? " (it takes none)" : "; it takes " + names));
            }
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name, String fallback) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text) || text.isEmpty()) {
            problem(Code.INVALID_PARAMETER, "'" + name + "' must be a non-empty string");
            return fallback;
        }
        return text;
    }

    /** An integer between min and max inclusive. */
    int integer(String name, int fallback, int min, int max) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        BigDecimal number = number(value);
        if (number == null || number.stripTrailingZeros().scale() > 0 || number.compareTo(BigDecimal.valueOf(min)) < 0
                || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            problem(Code.INVALID_PARAMETER, "'" + name + "' must be a whole number from " + min + " to " + max);
            return fallback;
        }
        return number.intValueExact();
    }

    /** A number greater than zero. */
    BigDecimal positive(String name) {
        Object value = values.get(name);
        if (value == null) {
            problem(Code.MISSING_PARAMETER, "'" + name + "' is required");
            return BigDecimal.ONE;
        }
        BigDecimal number = number(value);
        if (number == null || number.signum() <= 0) {
            problem(Code.INVALID_PARAMETER, "'" + name + "' must be a number greater than zero");
            return BigDecimal.ONE;
        }
        return number;
    }

    LocalDate date(String name) {
        String text = string(name, null);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problem(Code.INVALID_PARAMETER, "'" + name + "' must be an ISO date yyyy-MM-dd");
            return null;
        }
    }

    void problem(Code code, String message) {
        problems.add(new PolicyProblem(field, code, message));
    }

    private static BigDecimal number(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        if (value instanceof java.math.BigInteger integer) {
            return new BigDecimal(integer);
        }
        return null;
    }
}
