package org.haven.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RecordValidatorTest {

    private static final Schema PATIENTS = Schema.of(
            Field.of("nhs_number", DataType.NHS_NUMBER, IdentifierType.DIRECT).withRequired(true),
            Field.of("birth_date", DataType.DATE, IdentifierType.INDIRECT),
            Field.of("postcode", DataType.POSTCODE, IdentifierType.INDIRECT));

    private final RecordValidator validator = RecordValidator.of(PATIENTS);

    @Test
    void validRecordYieldsTypedValuesAndSkipsMissingOptionalOnes() {
        RecordResult result = validator.validate(Map.of("nhs_number", "943 476 5919", "birth_date", "1980-05-17",
                "postcode", ""));

        assertThat(result.isValid()).isTrue();
        assertThat(result.values()).containsExactly(Map.entry("nhs_number", "9434765919"),
                Map.entry("birth_date", LocalDate.of(1980, 5, 17)));
    }

    @Test
    void reportsEveryFailingFieldAndUnknownColumns() {
        Map<String, String> record = new LinkedHashMap<>();
        record.put("birth_date", "17/05/1980");
        record.put("postcode", "nowhere");
        record.put("favourite_colour", "blue");

        RecordResult result = validator.validate(record);

        assertThat(result.errors()).extracting(FieldError::fieldName, FieldError::kind).containsExactly(
                tuple("nhs_number", ErrorKind.MISSING_REQUIRED),
                tuple("birth_date", ErrorKind.NOT_A_DATE),
                tuple("postcode", ErrorKind.INVALID_POSTCODE),
                tuple("favourite_colour", ErrorKind.UNKNOWN_FIELD));
        assertThat(result.values()).isEmpty();
    }

    @Test
    void columnsMatchFieldsIgnoringCaseButNotTwice() {
        Map<String, String> record = new LinkedHashMap<>();
        record.put("NHS_Number", "9434765919");
        record.put("nhs_number", "4010232137");

        RecordResult result = validator.validate(record);

        assertThat(result.values()).containsEntry("nhs_number", "9434765919");
        assertThat(result.errors()).extracting(FieldError::kind).containsExactly(ErrorKind.UNKNOWN_FIELD);
    }

    @Test
    void errorsDoNotPrintTheirValue() {
        RecordResult result = validator.validate(Map.of("nhs_number", "9434765918"));

        assertThat(result.errors()).hasSize(1);
        assertThat(result.errors().get(0).rawValue()).isEqualTo("9434765918");
        assertThat(result.errors().get(0).toString()).doesNotContain("9434765918");
        assertThat(result.toString()).doesNotContain("9434765918");
    }

    @Test
    void everyErrorKindCanBeProduced() {
        Schema everything = Schema.of(
                Field.of("req", DataType.STRING, IdentifierType.NON_ID).withRequired(true),
                Field.of("int", DataType.INTEGER, IdentifierType.NON_ID),
                Field.of("dec", DataType.DECIMAL, IdentifierType.NON_ID),
                Field.of("bool", DataType.BOOLEAN, IdentifierType.NON_ID),
                Field.of("date", DataType.DATE, IdentifierType.NON_ID),
                Field.of("ts", DataType.DATETIME, IdentifierType.NON_ID),
                Field.of("nhs", DataType.NHS_NUMBER, IdentifierType.DIRECT),
                Field.of("pc", DataType.POSTCODE, IdentifierType.INDIRECT),
                Field.code("code", IdentifierType.NON_ID, List.of("A")),
                Field.of("mail", DataType.EMAIL, IdentifierType.DIRECT),
                Field.of("pat", DataType.STRING, IdentifierType.NON_ID).withConstraints(Constraints.pattern("x+")),
                Field.of("rng", DataType.INTEGER, IdentifierType.NON_ID).withConstraints(Constraints.range("1", "2")),
                Field.of("lng", DataType.STRING, IdentifierType.NON_ID).withConstraints(Constraints.length(null, 1)),
                Field.of("sht", DataType.STRING, IdentifierType.NON_ID).withConstraints(Constraints.length(3, null)),
                Field.of("alw", DataType.STRING, IdentifierType.NON_ID)
                        .withConstraints(Constraints.allowedValues(List.of("ok"))));
        Map<String, String> record = new LinkedHashMap<>();
        record.put("int", "x");
        record.put("dec", "x");
        record.put("bool", "x");
        record.put("date", "x");
        record.put("ts", "x");
        record.put("nhs", "x");
        record.put("pc", "x");
        record.put("code", "x");
        record.put("mail", "x");
        record.put("pat", "y");
        record.put("rng", "3");
        record.put("lng", "xx");
        record.put("sht", "x");
        record.put("alw", "no");
        record.put("extra", "x");

        List<ErrorKind> kinds = RecordValidator.of(everything).validate(record).errors().stream()
                .map(FieldError::kind).toList();

        assertThat(kinds).containsExactlyInAnyOrder(ErrorKind.values());
    }
}
