package org.haven.schema.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.haven.schema.DataType;
import org.haven.schema.ErrorKind;

/**
 * Turns trimmed, non-empty text into the typed value of a {@link DataType}, or null when the text is not of that type.
 * Code-list membership is not checked here: it belongs to a field, not a type.
 */
public final class TypedValues {

    private TypedValues() {
    }

    public static Object parse(DataType type, String text) {
        return switch (type) {
            case STRING, CODE -> text;
            case INTEGER -> PlainNumbers.parseLong(text);
            case DECIMAL -> PlainNumbers.parseDecimal(text);
            case BOOLEAN -> parseBoolean(text);
            case DATE -> IsoTemporal.parseDate(text);
            case DATETIME -> IsoTemporal.parseDateTime(text);
            case NHS_NUMBER -> NhsNumberFormat.normalise(text);
            case POSTCODE -> PostcodeFormat.normalise(text);
            case EMAIL -> EmailFormat.isValid(text) ? text : null;
        };
    }

    /**
     * Only {@code true} and {@code false}, in any case. {@code 1}/{@code 0} and {@code Y}/{@code N} are refused: they
     * are as often counts or codes as they are flags, and inference would otherwise call a 0/1 count a boolean.
     */
    private static Boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        return text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    /** The error for text that {@link #parse} refuses for {@code type}. */
    public static ErrorKind notOfType(DataType type) {
        return switch (type) {
            case INTEGER -> ErrorKind.NOT_AN_INTEGER;
            case DECIMAL -> ErrorKind.NOT_A_DECIMAL;
            case BOOLEAN -> ErrorKind.NOT_A_BOOLEAN;
            case DATE -> ErrorKind.NOT_A_DATE;
            case DATETIME -> ErrorKind.NOT_A_DATETIME;
            case NHS_NUMBER -> ErrorKind.INVALID_NHS_NUMBER;
            case POSTCODE -> ErrorKind.INVALID_POSTCODE;
            case EMAIL -> ErrorKind.INVALID_EMAIL;
            case CODE -> ErrorKind.NOT_IN_CODE_LIST;
            case STRING -> throw new IllegalArgumentException("every text is a STRING");
        };
    }

    /**
     * The value compared for range limits and for allowed values: decimals without trailing zeros (so that 1.0
     * equals 1), date-times as instants (so that the same moment in two offsets is one value).
     */
    public static Object comparable(Object typed) {
        if (typed instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
        }
        if (typed instanceof OffsetDateTime dateTime) {
            return dateTime.toInstant();
        }
        return typed;
    }
}
