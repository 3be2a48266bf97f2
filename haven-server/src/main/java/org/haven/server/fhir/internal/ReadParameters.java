package org.haven.server.fhir.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.haven.server.errors.FieldErrors;

/**
 * The query parameters of the read API, checked before anything is read: each parser adds a problem naming its
 * parameter to the request's {@link FieldErrors} and returns null, so that one answer lists every bad parameter.
 * The rules are narrow on purpose: a value that passes is a plain name, code or date, never a pattern.
 */
final class ReadParameters {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    /** FHIR's rule for a logical id. */
    private static final Pattern LOGICAL_ID = Pattern.compile("[A-Za-z0-9.\\-]{1,64}");
    /** Letters of any script, with the spaces, apostrophes, hyphens and dots that names have. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} '’.\\-]{0,99}");
    private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 \\-]{0,15}");
    /** A code of any terminology: LOINC {@code 8867-4}, SNOMED digits, local codes with dots, colons, underscores. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:_\\-]{0,63}");
    /** A code system is a URI or an OID. */
    private static final Pattern SYSTEM = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*:[\\x21-\\x7e&&[^|]]{1,200}");

    private ReadParameters() {}

    static UUID uuid(String text, String parameter, boolean required, FieldErrors errors) {
        if (text == null || text.isEmpty()) {
            if (required) {
                errors.add(parameter, "is required");
            }
            return null;
        }
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        errors.add(parameter, "must be a UUID");
        return null;
    }

    static String logicalId(String text, String parameter, boolean required, FieldErrors errors) {
        return matching(text, parameter, required, LOGICAL_ID,
                "must be a FHIR logical id: 1 to 64 letters, digits, '-' and '.'", errors);
    }

    static String name(String text, String parameter, FieldErrors errors) {
        return matching(text == null ? null : text.strip(), parameter, false, NAME,
                "must be 1 to 100 letters, spaces, apostrophes, hyphens and dots, starting with a letter", errors);
    }

    static String postalCode(String text, FieldErrors errors) {
        return matching(text == null ? null : text.strip(), "postal_code", false, POSTAL_CODE,
                "must be 1 to 16 letters, digits, spaces and hyphens", errors);
    }

    /** {@code code} or {@code system|code}, as FHIR's token search writes it. */
    static Coding coding(String text, FieldErrors errors) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        int bar = text.indexOf('|');
        String system = bar < 0 ? null : text.substring(0, bar);
        String code = bar < 0 ? text : text.substring(bar + 1);
        boolean valid = CODE.matcher(code).matches() && (system == null || SYSTEM.matcher(system).matches());
        if (!valid) {
            errors.add("code", "must be a code (letters, digits, '.', ':', '_', '-'; at most 64), optionally after a"
                    + " code system URI and '|'");
            return null;
        }
        return new Coding(system, code);
    }

    static LocalDate date(String text, String parameter, FieldErrors errors) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(parameter, "must be a date, YYYY-MM-DD");
        return null;
    }

    /** A date (the whole day, UTC) or a date-time with its offset. */
    static TimeBound timeBound(String text, String parameter, FieldErrors errors) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() == 10) {
            LocalDate day = date(text, parameter, errors);
            return day == null ? null : TimeBound.day(day);
        }
        try {
            if (text.length() <= 40) {
                return TimeBound.instant(OffsetDateTime.parse(text));
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(parameter, "must be a date (YYYY-MM-DD) or a date-time with an offset (2024-03-01T08:00:00Z)");
        return null;
    }

    static int limit(String text, FieldErrors errors) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        return DEFAULT_LIMIT;
    }

    private static String matching(String text, String parameter, boolean required, Pattern pattern, String rule,
            FieldErrors errors) {
        if (text == null || text.isEmpty()) {
            if (required) {
                errors.add(parameter, "is required");
            }
            return null;
        }
        if (!pattern.matcher(text).matches()) {
            errors.add(parameter, rule);
            return null;
        }
        return text;
    }

    /** A code, and the system it belongs to when the caller named one. */
    record Coding(String system, String code) {}

    /** A bound of effective time: a day from its UTC midnight to the next, or one instant. */
    record TimeBound(OffsetDateTime start, OffsetDateTime endExclusive) {

        static TimeBound day(LocalDate day) {
            return new TimeBound(day.atStartOfDay().atOffset(java.time.ZoneOffset.UTC),
                    day.plusDays(1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC));
        }

        /** PostgreSQL keeps microseconds: the next microsecond is the first instant after this one. */
        static TimeBound instant(OffsetDateTime at) {
            return new TimeBound(at, at.plusNanos(1_000));
        }
    }
}
