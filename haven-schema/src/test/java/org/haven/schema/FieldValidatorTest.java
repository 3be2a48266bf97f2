package org.haven.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldValidatorTest {

    private static FieldValidator validator(DataType type) {
        return FieldValidator.of(Field.of("value", type, IdentifierType.NON_ID));
    }

    private static ErrorKind errorOf(Field field, String value) {
        return FieldValidator.of(field).check(value).error();
    }

    @Test
    void parsesEachTypeIntoItsJavaValue() {
        assertThat(validator(DataType.STRING).check("  text ").value()).isEqualTo("text");
        assertThat(validator(DataType.INTEGER).check("-9223372036854775808").value()).isEqualTo(Long.MIN_VALUE);
        assertThat(validator(DataType.INTEGER).check("+42").value()).isEqualTo(42L);
        assertThat(validator(DataType.DECIMAL).check("-0.50").value()).isEqualTo(new BigDecimal("-0.50"));
        assertThat(validator(DataType.BOOLEAN).check("TRUE").value()).isEqualTo(true);
        assertThat(validator(DataType.DATE).check("2024-02-29").value()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(validator(DataType.DATETIME).check("2024-02-29T13:45:07.25+01:30").value())
                .isEqualTo(OffsetDateTime.of(2024, 2, 29, 13, 45, 7, 250_000_000, ZoneOffset.ofHoursMinutes(1, 30)));
        assertThat(validator(DataType.DATETIME).check("2024-02-29T13:45Z").value())
                .isEqualTo(OffsetDateTime.of(2024, 2, 29, 13, 45, 0, 0, ZoneOffset.UTC));
        assertThat(validator(DataType.EMAIL).check("a.b+c@nhs.net").value()).isEqualTo("a.b+c@nhs.net");
    }

    @Test
    void emptyIsMissingAndOnlyRequiredFieldsMindIt() {
        Field optional = Field.of("value", DataType.INTEGER, IdentifierType.NON_ID);

        assertThat(FieldValidator.of(optional).check("").isValid()).isTrue();
        assertThat(FieldValidator.of(optional).check(null).value()).isNull();
        assertThat(errorOf(optional.withRequired(true), "   ")).isEqualTo(ErrorKind.MISSING_REQUIRED);
        assertThat(errorOf(optional.withRequired(true), null)).isEqualTo(ErrorKind.MISSING_REQUIRED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1e3", "1,000", "--1", "+", "-", "0x10", "9223372036854775808", "١٢"})
    void refusesWhatIsNotAnInteger(String value) {
        assertThat(validator(DataType.INTEGER).check(value).error()).isEqualTo(ErrorKind.NOT_AN_INTEGER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.", ".5", "1.2.3", "1e3", "NaN", "Infinity", "1,5", "- 1"})
    void refusesWhatIsNotAPlainDecimal(String value) {
        assertThat(validator(DataType.DECIMAL).check(value).error()).isEqualTo(ErrorKind.NOT_A_DECIMAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "0", "Y", "truth"})
    void refusesWhatIsNotTrueOrFalse(String value) {
        assertThat(validator(DataType.BOOLEAN).check(value).error()).isEqualTo(ErrorKind.NOT_A_BOOLEAN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "0000-01-01", "24-01-01",
        "2024-1-01", "2024/01/01", "01/02/2024", "2024-01-01T00:00Z", "2024-01-0a", "20240101"})
    void refusesMalformedOrImpossibleDates(String value) {
        assertThat(validator(DataType.DATE).check(value).error()).isEqualTo(ErrorKind.NOT_A_DATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-01T10:00:00", "2024-01-01 10:00:00Z", "2024-01-01T24:00Z",
        "2024-01-01T10:60Z", "2024-01-01T10:00:61Z", "2024-01-01T10:00:00.Z", "2024-01-01T10:00:00.1234567890Z",
        "2024-01-01T10:00+0100", "2024-01-01T10:00+19:00", "2024-01-01T10:00+01", "2024-02-30T10:00Z",
        "2024-01-01", "2024-01-01T10Z", "2024-01-01T10:00ZZ"})
    void refusesMalformedDateTimes(String value) {
        assertThat(validator(DataType.DATETIME).check(value).error()).isEqualTo(ErrorKind.NOT_A_DATETIME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "@nhs.net", "a@", "a@nhs", "a..b@nhs.net", ".a@nhs.net", "a.@nhs.net",
        "a@-nhs.net", "a@nhs-.net", "a@nhs..net", "a@nhs.n3t", "a@b@nhs.net", "a b@nhs.net", "\"a\"@nhs.net",
        "a@nhs.net."})
    void refusesMalformedEmails(String value) {
        assertThat(validator(DataType.EMAIL).check(value).error()).isEqualTo(ErrorKind.INVALID_EMAIL);
    }

    @Test
    void codeMustBeInTheCodeList() {
        Field sex = Field.code("sex", IdentifierType.INDIRECT, List.of("M", "F", "U"));

        assertThat(FieldValidator.of(sex).check("F").value()).isEqualTo("F");
        assertThat(errorOf(sex, "f")).isEqualTo(ErrorKind.NOT_IN_CODE_LIST);
        assertThat(errorOf(sex, "X")).isEqualTo(ErrorKind.NOT_IN_CODE_LIST);
    }

    @Test
    void textConstraints() {
        Field ward = Field.of("ward", DataType.STRING, IdentifierType.NON_ID)
                .withConstraints(Constraints.pattern("[A-Z]{2}[0-9]+").withLength(3, 6));

        assertThat(FieldValidator.of(ward).check("AB12").isValid()).isTrue();
        assertThat(errorOf(ward, "ab12")).isEqualTo(ErrorKind.PATTERN_MISMATCH);
        assertThat(errorOf(ward, "xAB12x")).isEqualTo(ErrorKind.PATTERN_MISMATCH);
        assertThat(errorOf(ward, "AB")).isEqualTo(ErrorKind.TOO_SHORT);
        assertThat(errorOf(ward, "AB12345")).isEqualTo(ErrorKind.TOO_LONG);
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        Field label = Field.of("label", DataType.STRING, IdentifierType.NON_ID)
                .withConstraints(Constraints.length(null, 2));

        assertThat(FieldValidator.of(label).check("😀😀").isValid()).isTrue();
    }

    @Test
    void rangesOnNumbersDatesAndDateTimes() {
        Field age = Field.of("age", DataType.INTEGER, IdentifierType.INDIRECT)
                .withConstraints(Constraints.range("0", "120"));
        Field dose = Field.of("dose", DataType.DECIMAL, IdentifierType.NON_ID)
                .withConstraints(Constraints.range("0.5", "2.50"));
        Field admitted = Field.of("admitted", DataType.DATE, IdentifierType.NON_ID)
                .withConstraints(Constraints.range("2000-01-01", null));
        Field seen = Field.of("seen", DataType.DATETIME, IdentifierType.NON_ID)
                .withConstraints(Constraints.range(null, "2024-01-01T00:00Z"));

        assertThat(errorOf(age, "120")).isNull();
        assertThat(errorOf(age, "121")).isEqualTo(ErrorKind.OUT_OF_RANGE);
        assertThat(errorOf(age, "-1")).isEqualTo(ErrorKind.OUT_OF_RANGE);
        assertThat(errorOf(dose, "2.5000")).isNull();
        assertThat(errorOf(dose, "0.49")).isEqualTo(ErrorKind.OUT_OF_RANGE);
        assertThat(errorOf(admitted, "1999-12-31")).isEqualTo(ErrorKind.OUT_OF_RANGE);
        assertThat(errorOf(seen, "2024-01-01T01:00+01:00")).as("the same instant as the maximum").isNull();
        assertThat(errorOf(seen, "2024-01-01T00:00:01Z")).isEqualTo(ErrorKind.OUT_OF_RANGE);
    }

    @Test
    void allowedValuesCompareTypedValues() {
        Field grade = Field.of("grade", DataType.DECIMAL, IdentifierType.NON_ID)
                .withConstraints(Constraints.allowedValues(List.of("1", "1.5")));
        Field colour = Field.of("colour", DataType.STRING, IdentifierType.NON_ID)
                .withConstraints(Constraints.allowedValues(List.of("red", "green")));

        assertThat(errorOf(grade, "1.0")).isNull();
        assertThat(errorOf(grade, "1.50")).isNull();
        assertThat(errorOf(grade, "2")).isEqualTo(ErrorKind.NOT_ALLOWED);
        assertThat(errorOf(colour, "green")).isNull();
        assertThat(errorOf(colour, "Green")).isEqualTo(ErrorKind.NOT_ALLOWED);
    }
}
