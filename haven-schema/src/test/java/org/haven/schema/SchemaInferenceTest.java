package org.haven.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SchemaInferenceTest {

    private static final List<String> HEADER = List.of("NHS Number", "Surname", "DOB", "Sex", "Postcode", "Email",
            "Weight (kg)", "Visits", "Admitted At", "Smoker", "Ward", "Notes", "2nd Ward");
    private static final List<List<String>> ROWS = List.of(
            List.of("943 476 5919", "Smith", "1980-05-17", "M", "LS1 4AP", "a@nhs.net", "70.5", "3",
                    "2024-01-01T10:00Z", "true", "A1", "", "B"),
            List.of("4010232137", "Jones", "1975-11-02", "F", "m1 1ae", "b@nhs.net", "82", "0",
                    "2024-01-02T11:30:00+01:00", "FALSE", "B2", "", "B"),
            List.of("9434765919", "Brown", "2001-02-28", "F", "SW1A2AA", "c@nhs.net", "64.25", "12",
                    "2024-01-03T09:15:00Z", "false", "1", ""));

    private final InferredSchema inferred = SchemaInference.infer(HEADER, ROWS);

    @Test
    void proposesTypesRequiredFlagsAndIdentifierTypes() {
        assertThat(inferred.guesses()).extracting(FieldGuess::fieldName, FieldGuess::dataType, FieldGuess::required,
                FieldGuess::identifierType).containsExactly(
                        tuple("nhs_number", DataType.NHS_NUMBER, true, IdentifierType.DIRECT),
                        tuple("surname", DataType.STRING, true, IdentifierType.DIRECT),
                        tuple("dob", DataType.DATE, true, IdentifierType.INDIRECT),
                        tuple("sex", DataType.STRING, true, IdentifierType.INDIRECT),
                        tuple("postcode", DataType.POSTCODE, true, IdentifierType.INDIRECT),
                        tuple("email", DataType.EMAIL, true, IdentifierType.DIRECT),
                        tuple("weight_kg", DataType.DECIMAL, true, IdentifierType.NON_ID),
                        tuple("visits", DataType.INTEGER, true, IdentifierType.NON_ID),
                        tuple("admitted_at", DataType.DATETIME, true, IdentifierType.NON_ID),
                        tuple("smoker", DataType.BOOLEAN, true, IdentifierType.NON_ID),
                        tuple("ward", DataType.STRING, true, IdentifierType.NON_ID),
                        tuple("notes", DataType.STRING, false, IdentifierType.NON_ID),
                        tuple("f_2nd_ward", DataType.STRING, false, IdentifierType.NON_ID));
    }

    @Test
    void everyGuessSaysWhy() {
        assertThat(inferred.guesses().get(0).reason()).contains("NHS_NUMBER because all 3 values")
                .contains("DIRECT");
        assertThat(inferred.guesses().get(1).reason()).contains("'surname'");
        assertThat(inferred.guesses().get(11).reason()).contains("no values").contains("3 of 3 values are empty");
        assertThat(inferred.guesses().get(0).column()).isEqualTo("NHS Number");
    }

    @Test
    void theProposalAcceptsItsOwnSample() {
        RecordValidator validator = RecordValidator.of(inferred.schema());

        for (List<String> row : ROWS) {
            Map<String, String> record = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                record.put(inferred.guesses().get(i).fieldName(), row.get(i));
            }
            assertThat(validator.validate(record).isValid()).isTrue();
        }
    }

    @Test
    void integersThatFailTheCheckDigitAreIntegersAndDuplicateHeadersGetSuffixes() {
        InferredSchema numbers = SchemaInference.infer(List.of("id", "ID"),
                List.of(List.of("9434765918", "1"), List.of("1234567890", "2")));

        assertThat(numbers.guesses()).extracting(FieldGuess::fieldName, FieldGuess::dataType)
                .containsExactly(tuple("id", DataType.INTEGER), tuple("id_2", DataType.INTEGER));
    }
}
