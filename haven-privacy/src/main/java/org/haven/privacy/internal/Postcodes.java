package org.haven.privacy.internal;

/**
 * UK postcode parts. A postcode is an outward code (area letters, district digit(s), optional letter) and an inward
 * code (digit, two letters); spaces and case do not matter. Anything else has no district or area.
 */
public final class Postcodes {

    private Postcodes() {
    }

    /** The outward code, e.g. {@code SW1A} of {@code sw1a 1aa}; null when the text is not a full postcode. */
    public static String district(String text) {
        String compact = compact(text);
        if (compact == null) {
            return null;
        }
        if (compact.equals("GIR0AA")) {
            return "GIR";
        }
        int outwardLength = compact.length() - 3;
        if (!isInward(compact, outwardLength) || !isOutward(compact, outwardLength)) {
            return null;
        }
        return compact.substring(0, outwardLength);
    }

    /** The area letters, e.g. {@code SW}; null when the text is not a full postcode. */
    public static String area(String text) {
        String district = district(text);
        if (district == null) {
            return null;
        }
        if (district.equals("GIR")) {
            return "GIR";
        }
        return Character.isLetter(district.charAt(1)) ? district.substring(0, 2) : district.substring(0, 1);
    }

    private static String compact(String text) {
        if (text == null || text.length() > 16) {
            return null;
        }
        StringBuilder result = new StringBuilder(8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - 'a' + 'A');
            }
            result.append(c);
        }
        return result.length() >= 5 && result.length() <= 7 ? result.toString() : null;
    }

    private static boolean isInward(String compact, int start) {
        return digit(compact.charAt(start)) && letter(compact.charAt(start + 1)) && letter(compact.charAt(start + 2));
    }

    /** A9, A99, AA9, AA99, A9A, AA9A. */
    private static boolean isOutward(String compact, int length) {
        String outward = compact.substring(0, length);
        if (!letter(outward.charAt(0))) {
            return false;
        }
        int i = letter(outward.charAt(1)) ? 2 : 1;
        if (i >= length || !digit(outward.charAt(i))) {
            return false;
        }
        i++;
        if (i == length) {
            return true;
        }
        return i == length - 1 && (digit(outward.charAt(i)) || letter(outward.charAt(i)));
    }

    private static boolean letter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
