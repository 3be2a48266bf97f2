package org.haven.privacy.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.FieldResult;
import org.haven.schema.FieldValidator;

/**
 * The canonical text of a typed value (what the schema's validator parses back to the same value), and back.
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

    /** The typed value of the text under the field's rules; null when it does not parse. */
    public static Object parse(Field field, String text) {
        FieldResult result = FieldValidator.of(field).check(text);
        return result.isValid() ? result.value() : null;
    }
}
