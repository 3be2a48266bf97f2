package org.haven.schema;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.haven.schema.SchemaException.Problem;

/**
 * Optional limits on a field's values. Minimum and maximum are kept as text because their meaning depends on the
 * field's type (a number, a date, a date-time); {@link Field} checks that they parse for its type. The pattern is
 * compiled once, here, and must match the whole value.
 */
public final class Constraints {

    /**
     * Longer patterns are refused: a schema is user input, and a huge pattern is the usual vehicle for catastrophic
     * backtracking. The cap narrows that risk; it does not prove a pattern safe.
     */
    public static final int MAX_PATTERN_LENGTH = 256;

    public static final Constraints NONE = new Constraints(null, null, null, null, null, List.of());

    private final String pattern;
    private final Pattern compiledPattern;
    private final String minimum;
    private final String maximum;
    private final Integer minLength;
    private final Integer maxLength;
    private final List<String> allowedValues;

    /**
     * @param pattern a Java regular expression the whole value must match, or null
     * @param minimum the smallest allowed number, date or date-time (inclusive), or null
     * @param maximum the largest allowed number, date or date-time (inclusive), or null
     * @param minLength the fewest characters allowed, or null
     * @param maxLength the most characters allowed, or null
     * @param allowedValues the only values allowed; empty for no such limit
     */
    public Constraints(String pattern, String minimum, String maximum, Integer minLength, Integer maxLength,
            List<String> allowedValues) {
        this.pattern = pattern;
        this.compiledPattern = pattern == null ? null : compile(pattern);
        this.minimum = minimum;
        this.maximum = maximum;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.allowedValues = List.copyOf(Objects.requireNonNull(allowedValues, "allowedValues"));
        if ((minLength != null && minLength < 0) || (maxLength != null && maxLength < 0)) {
            throw new SchemaException(Problem.INVALID_LENGTH, null, "lengths cannot be negative");
        }
        if (minLength != null && maxLength != null && minLength > maxLength) {
            throw new SchemaException(Problem.INVALID_LENGTH, null,
                    "min_length " + minLength + " is greater than max_length " + maxLength);
        }
    }

    private static Pattern compile(String pattern) {
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw new SchemaException(Problem.PATTERN_TOO_LONG, null,
                    "pattern has " + pattern.length() + " characters; at most " + MAX_PATTERN_LENGTH + " are allowed");
        }
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new SchemaException(Problem.INVALID_PATTERN, null, "pattern is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    public static Constraints pattern(String pattern) {
        return NONE.withPattern(pattern);
    }

    public static Constraints range(String minimum, String maximum) {
        return NONE.withRange(minimum, maximum);
    }

    public static Constraints length(Integer minLength, Integer maxLength) {
        return NONE.withLength(minLength, maxLength);
    }

    public static Constraints allowedValues(List<String> allowedValues) {
        return NONE.withAllowedValues(allowedValues);
    }

    public Constraints withPattern(String newPattern) {
        return new Constraints(newPattern, minimum, maximum, minLength, maxLength, allowedValues);
    }

    public Constraints withRange(String newMinimum, String newMaximum) {
        return new Constraints(pattern, newMinimum, newMaximum, minLength, maxLength, allowedValues);
    }

    public Constraints withLength(Integer newMinLength, Integer newMaxLength) {
        return new Constraints(pattern, minimum, maximum, newMinLength, newMaxLength, allowedValues);
    }

    public Constraints withAllowedValues(List<String> newAllowedValues) {
        return new Constraints(pattern, minimum, maximum, minLength, maxLength, newAllowedValues);
    }

    public String pattern() {
        return pattern;
    }

    /** The pattern compiled once; null when there is none. */
    public Pattern compiledPattern() {
        return compiledPattern;
    }

    public String minimum() {
        return minimum;
    }

    public String maximum() {
        return maximum;
    }

    public Integer minLength() {
        return minLength;
    }

    public Integer maxLength() {
        return maxLength;
    }

    public List<String> allowedValues() {
        return allowedValues;
    }

    public boolean isEmpty() {
        return pattern == null && minimum == null && maximum == null && minLength == null && maxLength == null
                && allowedValues.isEmpty();
    }

    public boolean hasRange() {
        return minimum != null || maximum != null;
    }

    public boolean hasTextLimits() {
        return pattern != null || minLength != null || maxLength != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Constraints that
                && Objects.equals(pattern, that.pattern)
                && Objects.equals(minimum, that.minimum)
                && Objects.equals(maximum, that.maximum)
                && Objects.equals(minLength, that.minLength)
                && Objects.equals(maxLength, that.maxLength)
                && allowedValues.equals(that.allowedValues);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pattern, minimum, maximum, minLength, maxLength, allowedValues);
    }

    @Override
    public String toString() {
        return "Constraints[pattern=" + pattern + ", minimum=" + minimum + ", maximum=" + maximum + ", minLength="
                + minLength + ", maxLength=" + maxLength + ", allowedValues=" + allowedValues + "]";
    }
}
