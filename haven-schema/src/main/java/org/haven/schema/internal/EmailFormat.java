package org.haven.schema.internal;

/**
 * E-mail addresses as people and systems actually write them: {@code local@domain}, where the local part is dot-atoms
 * of the RFC 5322 atom characters (no quoted strings, no comments) and the domain is at least two DNS labels with an
 * alphabetic top-level label (no address literals). Stricter than the RFC, because a quoted local part in a health
 * record is far more likely a data error than a real address.
 */
public final class EmailFormat {

    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;
    private static final int MAX_LABEL_LENGTH = 63;
    private static final String ATOM_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

    private EmailFormat() {
    }

    public static boolean isValid(String text) {
        int at = text.indexOf('@');
        if (text.length() > MAX_LENGTH || at < 1 || at > MAX_LOCAL_LENGTH || text.indexOf('@', at + 1) >= 0) {
            return false;
        }
        return isLocalPart(text, at) && isDomain(text, at + 1);
    }

    private static boolean isLocalPart(String text, int end) {
        char previous = '.';
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (previous == '.') {
                    return false;
                }
            } else if (!isAsciiLetterOrDigit(c) && ATOM_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
            previous = c;
        }
        return previous != '.';
    }

    private static boolean isDomain(String text, int start) {
        int labels = 0;
        int labelStart = start;
        boolean lastLabelAlphabetic = true;
        for (int i = start; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                int labelLength = i - labelStart;
                if (labelLength < 1 || labelLength > MAX_LABEL_LENGTH || text.charAt(labelStart) == '-'
                        || text.charAt(i - 1) == '-') {
                    return false;
                }
                labels++;
                lastLabelAlphabetic = labelLength >= 2;
                for (int j = labelStart; j < i; j++) {
                    char c = text.charAt(j);
                    lastLabelAlphabetic &= isAsciiLetter(c);
                }
                labelStart = i + 1;
            } else {
                char c = text.charAt(i);
                if (!isAsciiLetterOrDigit(c) && c != '-') {
                    return false;
                }
            }
        }
        return labels >= 2 && lastLabelAlphabetic;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9');
    }
}
