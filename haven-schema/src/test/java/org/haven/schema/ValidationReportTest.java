package org.haven.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ValidationReportTest {

    private static final Schema SCHEMA = Schema.of(
            Field.of("nhs_number", DataType.NHS_NUMBER, IdentifierType.DIRECT).withRequired(true),
            Field.of("surname", DataType.STRING, IdentifierType.DIRECT)
                    .withConstraints(Constraints.pattern("[A-Za-z' -]+")),
            Field.of("postcode", DataType.POSTCODE, IdentifierType.INDIRECT),
            Field.of("visits", DataType.INTEGER, IdentifierType.NON_ID));

    private static Map<String, String> row(String nhs, String surname, String postcode, String visits) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("nhs_number", nhs);
        row.put("surname", surname);
        row.put("postcode", postcode);
        row.put("visits", visits);
        return row;
    }

    private static ValidationReport validate(int examples, Iterable<Map<String, String>> rows) {
        RecordValidator validator = RecordValidator.of(SCHEMA);
        ValidationReport report = new ValidationReport(SCHEMA, examples);
        rows.forEach(row -> report.add(validator.validate(row)));
        return report;
    }

    @Test
    void countsRowsErrorsAndKeepsAFewExamples() {
        ValidationReport report = validate(2, List.of(
                row("9434765919", "Smith", "LS1 4AP", "3"),
                row("9434765918", "Sm1th", "A1B 2C", "three"),
                row("", "Jones", "LS1", "4"),
                row("1234", "O'Neil", "", "x"),
                row("12345", "Ng", "", "y")));

        assertThat(report.rowCount()).isEqualTo(5);
        assertThat(report.validRowCount()).isEqualTo(1);
        assertThat(report.invalidRowCount()).isEqualTo(4);
        assertThat(report.errorCount("nhs_number", ErrorKind.INVALID_NHS_NUMBER)).isEqualTo(3);
        assertThat(report.errorCount("nhs_number", ErrorKind.MISSING_REQUIRED)).isEqualTo(1);
        assertThat(report.errorCounts().get("visits")).containsEntry(ErrorKind.NOT_AN_INTEGER, 3L);
        assertThat(report.examples("nhs_number", ErrorKind.INVALID_NHS_NUMBER))
                .containsExactly(new ErrorExample(2, "9999999999", true), new ErrorExample(4, "9999", true));
        assertThat(report.examples("surname", ErrorKind.PATTERN_MISMATCH))
                .containsExactly(new ErrorExample(2, "Xx9xx", true));
        assertThat(report.examples("postcode", ErrorKind.INVALID_POSTCODE))
                .extracting(ErrorExample::value).containsExactly("X9X 9X", "XX9");
        assertThat(report.examples("visits", ErrorKind.NOT_AN_INTEGER))
                .extracting(ErrorExample::value, ErrorExample::masked)
                .containsExactly(tuple("three", false),
                        tuple("x", false));
    }

    @Test
    void writesJsonWithoutRawIdentifyingValues() {
        Map<String, String> unknown = row("943 476 5918", "Sm1th", "A1B 2C", "3");
        unknown.put("hospital_ref", "RX1234");
        String json = validate(5, List.of(unknown)).toJson();

        assertThat(json).contains("\"rows\":1", "\"invalid_rows\":1", "\"identifier_type\":\"DIRECT\"",
                "\"INVALID_NHS_NUMBER\":{\"count\":1,\"examples\":[{\"row\":1,\"value\":\"999 999 9999\","
                        + "\"masked\":true}]}",
                "\"hospital_ref\":{\"errors\":{\"UNKNOWN_FIELD\"");
        assertThat(json).doesNotContain("943 476 5918", "Sm1th", "A1B 2C", "RX1234");
    }

    @Test
    void longExamplesAreCut() {
        String json = validate(1, List.of(row("9434765919", "x".repeat(500) + "1", "", "1"))).toJson();

        assertThat(json).contains("x".repeat(64) + "...").doesNotContain("x".repeat(65));
    }

    @Property(tries = 200)
    void noRawDirectValueReachesTheReport(@ForAll("identifyingValues") String nhs,
            @ForAll("identifyingValues") String surname, @ForAll("identifyingValues") String postcode) {
        String json = validate(5, List.of(row(nhs, surname + "!", postcode, "1"))).toJson();

        assertThat(json).doesNotContain(nhs).doesNotContain(surname).doesNotContain(postcode);
    }

    /**
     * Values long enough not to occur in the report's own keys by chance, and with at least one character that is
     * not itself a mask character: a value made only of 9s, Xs and separators is its own shape and says nothing more.
     */
    @Provide
    Arbitrary<String> identifyingValues() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars(' ', '-', '.', '@', 'é', 'Ø')
                .ofMinLength(6).ofMaxLength(40)
                .filter(value -> value.strip().length() >= 6)
                .filter(value -> value.chars().anyMatch(c -> Character.isLetterOrDigit(c) && c != '9' && c != 'X'
                        && c != 'x'));
    }
}
