package org.haven.privacy.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;

/** The value-level arithmetic shared by {@code generalise} and the k-anonymity hierarchies. Never throws. */
public final class Generalisations {

    private Generalisations() {
    }

    public static String month(LocalDate date) {
        int month = date.getMonthValue();
        return date.getYear() + (month < 10 ? "-0" : "-") + month;
    }

    public static String quarter(LocalDate date) {
        return date.getYear() + "-Q" + ((date.getMonthValue() + 2) / 3);
    }

    /** {@code [lo,hi)} with lo the multiple of width at or below the number. */
    public static String band(long number, long width) {
        long low = Math.floorDiv(number, width) * width;
        return "[" + low + "," + (low + width) + ")";
    }

    public static String band(BigDecimal number, BigDecimal width) {
        BigDecimal low = number.divide(width, 0, RoundingMode.FLOOR).multiply(width);
        return "[" + low.stripTrailingZeros().toPlainString() + "," + low.add(width).stripTrailingZeros().toPlainString()
                + ")";
    }

    /** An ISO date, or the date part of an ISO date-time; null for anything else, impossible days included. */
    public static LocalDate isoDate(String text) {
        if (text == null || text.length() < 10 || (text.length() > 10 && text.charAt(10) != 'T')) {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            char c = text.charAt(i);
            boolean dash = i == 4 || i == 7;
            if (dash ? c != '-' : c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10),
                    Integer.parseInt(text, 8, 10, 10));
        } catch (DateTimeException e) {
            return null;
        }
    }

    public static Long wholeNumber(String text) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 0 && c == '-' && text.length() > 1)) {
                return null;
            }
        }
        return Long.parseLong(text);
    }

    /** The first three digits of a 5-digit ZIP or ZIP+4; null for anything else. */
    public static String zip3(String text) {
        String zip = text.strip();
        boolean plusFour = zip.length() == 10 && zip.charAt(5) == '-';
        if (zip.length() != 5 && !plusFour) {
            return null;
        }
        for (int i = 0; i < zip.length(); i++) {
            if (i != 5 && (zip.charAt(i) < '0' || zip.charAt(i) > '9')) {
                return null;
            }
        }
        return zip.substring(0, 3);
    }
}
