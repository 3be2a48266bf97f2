package org.haven.schema.internal;

import java.math.BigDecimal;

/**
 * Integers and decimals as they appear in CSV and JSON text: an optional sign, ASCII digits, and for decimals one
 * optional point followed by digits. No exponents, no thousands separators, no spaces: {@code 1,000} is more often a
 * column shift than a number. The shape is checked by hand so that a bad value returns null instead of throwing.
 */
public final class PlainNumbers {

    private PlainNumbers() {
    }

    /** The value, or null when {@code text} is not a whole number that fits in a {@code long}. */
    public static Long parseLong(String text) {
        int length = text.length();
        int position = 0;
        boolean negative = false;
        if (length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            position = 1;
        }
        if (position == length) {
            return null;
        }
        // Accumulate downwards so that Long.MIN_VALUE, whose magnitude has no positive long, still parses.
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long value = 0;
        for (; position < length; position++) {
            char c = text.charAt(position);
            if (c < '0' || c > '9') {
                return null;
            }
            int digit = c - '0';
            if (value < (limit + digit) / 10) {
                return null;
            }
            value = value * 10 - digit;
        }
        return negative ? value : -value;
    }

    /** The value, or null when {@code text} is not a plain decimal such as {@code -12}, {@code 0.50}. */
    public static BigDecimal parseDecimal(String text) {
        return isPlainDecimal(text) ? new BigDecimal(text) : null;
    }

    private static boolean isPlainDecimal(String text) {
        int length = text.length();
        int position = 0;
        if (length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            position = 1;
        }
        int integerDigits = 0;
        while (position < length && isDigit(text.charAt(position))) {
            position++;
            integerDigits++;
        }
        if (integerDigits == 0) {
            return false;
        }
        if (position == length) {
            return true;
        }
        if (text.charAt(position) != '.') {
            return false;
        }
        position++;
        int fractionDigits = 0;
        while (position < length && isDigit(text.charAt(position))) {
            position++;
            fractionDigits++;
        }
        return fractionDigits > 0 && position == length;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
