package org.haven.schema;

/** Why a value, or a record, failed validation. The names are part of the API and appear in reports. */
public enum ErrorKind {
    /** A required field is absent or empty. */
    MISSING_REQUIRED,
    NOT_AN_INTEGER,
    NOT_A_DECIMAL,
    NOT_A_BOOLEAN,
    NOT_A_DATE,
    NOT_A_DATETIME,
    /** Not ten digits (optionally grouped 3-3-4), or the modulus-11 check digit does not match. */
    INVALID_NHS_NUMBER,
    INVALID_POSTCODE,
    /** A CODE field's value is not in its code list. */
    NOT_IN_CODE_LIST,
    INVALID_EMAIL,
    /** The value does not match the field's pattern as a whole. */
    PATTERN_MISMATCH,
    /** Below the field's minimum or above its maximum. */
    OUT_OF_RANGE,
    TOO_LONG,
    TOO_SHORT,
    /** Not one of the field's allowed values. */
    NOT_ALLOWED,
    /** The record has a column that the schema does not define. */
    UNKNOWN_FIELD
}
