package org.haven.schema.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Strict ISO-8601 dates ({@code 2024-02-29}) and date-times with an offset ({@code 2024-02-29T13:45:00Z},
 * {@code 2024-02-29T13:45:00.123+01:00}). Parsed by hand so that a malformed value costs a few character checks and
 * returns null instead of throwing: invalid rows are common in the data Haven receives.
 *
 * <p>The UK form {@code dd/MM/yyyy} is refused on purpose. It cannot be told apart from the US {@code MM/dd/yyyy} for
 * the first twelve days of each month, and a date of birth with day and month swapped is a wrong person, not a
 * validation error. Converting once at ingest, with the source's convention stated, is safer than guessing per value.
 */
public final class IsoTemporal {

    private IsoTemporal() {
    }

    /** The date, or null when {@code text} is not exactly {@code yyyy-MM-dd} naming a real day. */
    public static LocalDate parseDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        return dateAt(text, 0);
    }

    private static LocalDate dateAt(String text, int start) {
        int year = digits(text, start, 4);
        int month = digits(text, start + 5, 2);
        int day = digits(text, start + 8, 2);
        if (year < 1 || month < 1 || month > 12 || day < 1) {
            return null;
        }
        if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /**
     * The date-time, or null unless {@code text} is {@code yyyy-MM-ddTHH:mm[:ss[.fraction]]} followed by {@code Z}
     * or {@code ±HH:MM}. A date-time without an offset is refused: it names no instant.
     */
    public static OffsetDateTime parseDateTime(String text) {
        int length = text.length();
        if (length < 17 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':') {
            return null;
        }
        LocalDate date = dateAt(text, 0);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        if (date == null || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return null;
        }
        int position = 16;
        int second = 0;
        int nanos = 0;
        if (position < length && text.charAt(position) == ':') {
            second = digits(text, position + 1, 2);
            if (second < 0 || second > 59) {
                return null;
            }
            position += 3;
            if (position < length && text.charAt(position) == '.') {
                int fractionStart = ++position;
                while (position < length && isDigit(text.charAt(position))) {
                    position++;
                }
                int fractionDigits = position - fractionStart;
                if (fractionDigits < 1 || fractionDigits > 9) {
                    return null;
                }
                nanos = digits(text, fractionStart, fractionDigits);
                for (int i = fractionDigits; i < 9; i++) {
                    nanos *= 10;
                }
            }
        }
        ZoneOffset offset = offsetAt(text, position);
        if (offset == null) {
            return null;
        }
        return OffsetDateTime.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), hour, minute, second,
                nanos, offset);
    }

    private static ZoneOffset offsetAt(String text, int position) {
        int remaining = text.length() - position;
        if (remaining == 1 && text.charAt(position) == 'Z') {
            return ZoneOffset.UTC;
        }
        if (remaining != 6 || text.charAt(position + 3) != ':') {
            return null;
        }
        char sign = text.charAt(position);
        int hours = digits(text, position + 1, 2);
        int minutes = digits(text, position + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || hours > 18 || minutes < 0 || minutes > 59
                || (hours == 18 && minutes != 0)) {
            return null;
        }
        return sign == '+' ? ZoneOffset.ofHoursMinutes(hours, minutes) : ZoneOffset.ofHoursMinutes(-hours, -minutes);
    }

    /** The number written by {@code count} ASCII digits at {@code start}, or -1 if any of them is not a digit. */
    private static int digits(String text, int start, int count) {
        if (start + count > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
