package org.haven.schema.internal;

/**
 * NHS numbers: ten digits, written either together ({@code 9434765919}) or grouped 3-3-4 with single spaces
 * ({@code 943 476 5919}), whose last digit is the modulus-11 check digit of the first nine. A computed check digit of
 * 10 means the number was never issued, so it is invalid whatever the last digit is.
 */
public final class NhsNumberFormat {

    private NhsNumberFormat() {
    }

    /** The ten digits without spaces, or null when {@code text} is not a valid NHS number. */
    public static String normalise(String text) {
        String digits;
        if (text.length() == 10) {
            digits = text;
        } else if (text.length() == 12 && text.charAt(3) == ' ' && text.charAt(7) == ' ') {
            digits = text.substring(0, 3) + text.substring(4, 7) + text.substring(8);
        } else {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return checkDigit(digits) == digits.charAt(9) - '0' ? digits : null;
    }

    /** The check digit for the first nine digits of {@code digits}, or 10 when no check digit can make them valid. */
    public static int checkDigit(CharSequence digits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        return check == 11 ? 0 : check;
    }
}
