package org.haven.schema;

/** What the values of a field are; each type has its own check and its own typed value. */
public enum DataType {
    /** Any text; the typed value is the trimmed {@link String}. */
    STRING,
    /** A whole number that fits in 64 bits; typed as {@link Long}. */
    INTEGER,
    /** A plain decimal number without exponent; typed as {@link java.math.BigDecimal}. */
    DECIMAL,
    /** {@code true} or {@code false}, any case; typed as {@link Boolean}. */
    BOOLEAN,
    /** An ISO-8601 calendar date {@code yyyy-MM-dd}; typed as {@link java.time.LocalDate}. */
    DATE,
    /** An ISO-8601 date and time with {@code Z} or an offset; typed as {@link java.time.OffsetDateTime}. */
    DATETIME,
    /** A 10-digit NHS number with a valid modulus-11 check digit; typed as the 10 digits. */
    NHS_NUMBER,
    /** A UK postcode; typed in upper case with one space before the inward code. */
    POSTCODE,
    /** One of the field's code list; typed as the code. */
    CODE,
    /** An e-mail address; typed as the trimmed text. */
    EMAIL;

    /** Whether minimum and maximum constraints make sense for this type. */
    public boolean isOrdered() {
        return this == INTEGER || this == DECIMAL || this == DATE || this == DATETIME;
    }

    /** Whether pattern and length constraints make sense for this type. */
    public boolean isFreeText() {
        return this == STRING || this == CODE || this == EMAIL;
    }
}
