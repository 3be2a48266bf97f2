package org.haven.privacy.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.haven.schema.DataType;

/**
 * The canonical text of a typed value (ISO for dates, plain digits for numbers), and back.
 * Encryption and pseudonymisation encrypt this text, so decrypting gives the original typed value.
 */
public final class TypedText {

    private TypedText() {
    }

    /** The text, or null when the Java type is not the one the data type produces. */
    public static String of(DataType type, Object value) {
        return switch (type) {
            case STRING, NHS_NUMBER, POSTCODE, CODE, EMAIL -> value instanceof String text ? text : null;
            case INTEGER -> value instanceof Long number ? number.toString() : null;
            case DECIMAL -> value instanceof BigDecimal number ? number.toPlainString() : null;
            case BOOLEAN -> value instanceof Boolean flag ? flag.toString() : null;
            case DATE -> value instanceof LocalDate date ? date.toString() : null;
            case DATETIME -> value instanceof OffsetDateTime time ? time.toString() : null;
        };
    }

    /** The typed value of a canonical text made by {@link #of}; null when it does not parse. */
    public static Object parse(DataType type, String text) {
        try {
            return switch (type) {
                case STRING, NHS_NUMBER, POSTCODE, CODE, EMAIL -> text;
                case INTEGER -> Long.valueOf(text);
                case DECIMAL -> new BigDecimal(text);
                case BOOLEAN -> Boolean.valueOf(text);
                case DATE -> LocalDate.parse(text);
                case DATETIME -> OffsetDateTime.parse(text);
            };
        } catch (RuntimeException e) {
            return null;
        }
    }
}
