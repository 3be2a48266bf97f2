package org.haven.schema.internal;

/**
 * UK postcodes: an outward code in one of the forms A9, A99, AA9, AA99, A9A, AA9A (A a letter, 9 a digit), then an
 * inward code 9AA, plus the special {@code GIR 0AA}. Case does not matter and the space between the two parts may be
 * missing or repeated; spaces anywhere else are refused. The normal form is upper case with exactly one space.
 *
 * <p>Only the shape is checked, not the Royal Mail's per-position letter rules or whether the postcode exists: an
 * address file is the authority on existence, and a wrong letter rule here would refuse real people's data.
 */
public final class PostcodeFormat {

    private static final int INWARD_LENGTH = 3;

    private PostcodeFormat() {
    }

    /** The postcode as {@code OUTWARD INWARD} in upper case, or null when {@code text} is not a UK postcode. */
    public static String normalise(String text) {
        char[] compact = new char[7];
        int count = 0;
        int nonSpaces = countNonSpaces(text);
        if (nonSpaces < 5 || nonSpaces > 7) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                if (count != nonSpaces - INWARD_LENGTH) {
                    return null;
                }
            } else {
                compact[count++] = Character.toUpperCase(c);
            }
        }
        int outwardLength = count - INWARD_LENGTH;
        if (!isInward(compact, outwardLength) || !isOutward(compact, outwardLength)) {
            return null;
        }
        return new String(compact, 0, outwardLength) + ' ' + new String(compact, outwardLength, INWARD_LENGTH);
    }

    private static int countNonSpaces(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != ' ') {
                count++;
            }
        }
        return count;
    }

    private static boolean isInward(char[] code, int start) {
        return isDigit(code[start]) && isLetter(code[start + 1]) && isLetter(code[start + 2]);
    }

    private static boolean isOutward(char[] code, int length) {
        if (length == 3 && code[0] == 'G' && code[1] == 'I' && code[2] == 'R') {
            return code[3] == '0' && code[4] == 'A' && code[5] == 'A';
        }
        if (!isLetter(code[0])) {
            return false;
        }
        // After the first letter: an optional second letter, then a digit, then an optional digit or letter.
        int position = isLetter(code[1]) ? 2 : 1;
        if (position >= length || !isDigit(code[position])) {
            return false;
        }
        position++;
        if (position < length && (isDigit(code[position]) || isLetter(code[position]))) {
            position++;
        }
        return position == length;
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
