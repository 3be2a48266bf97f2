package org.haven.schema.internal;

/**
 * Masks example values of identifying fields: every letter becomes {@code X} (or {@code x} in lower case), every
 * digit {@code 9}, common separators stay, anything else becomes {@code *}. {@code A1B 2CD} becomes {@code X9X 9XX}.
 *
 * <p>The shape is what a person fixing a file needs ("the NHS numbers have 11 digits", "the postcodes have no
 * inward code"), and it is all that survives: no character of the value itself. Length and case survive too, which
 * says little about a person on its own. Long values are cut so that a report never carries a free-text blob.
 */
public final class ValueMask {

    public static final int MAX_EXAMPLE_LENGTH = 64;
    private static final String KEPT_SEPARATORS = " -.,:;/@+_()'";

    private ValueMask() {
    }

    public static String mask(String value) {
        StringBuilder masked = new StringBuilder(Math.min(value.length(), MAX_EXAMPLE_LENGTH + 3));
        int count = 0;
        for (int i = 0; i < value.length(); i = value.offsetByCodePoints(i, 1)) {
            if (count++ == MAX_EXAMPLE_LENGTH) {
                return masked.append("...").toString();
            }
            int c = value.codePointAt(i);
            if (Character.isLetter(c)) {
                masked.append(Character.isLowerCase(c) ? 'x' : 'X');
            } else if (Character.isDigit(c)) {
                masked.append('9');
            } else if (c < 128 && KEPT_SEPARATORS.indexOf(c) >= 0) {
                masked.append((char) c);
            } else {
                masked.append('*');
            }
        }
        return masked.toString();
    }

    /** A value of a non-identifying field, only cut to length. */
    public static String truncate(String value) {
        if (value.codePointCount(0, value.length()) <= MAX_EXAMPLE_LENGTH) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, MAX_EXAMPLE_LENGTH)) + "...";
    }
}
