package org.haven.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostcodeValidationTest {

    private static final FieldValidator POSTCODE = FieldValidator.of(
            Field.of("postcode", DataType.POSTCODE, IdentifierType.INDIRECT));

    @ParameterizedTest
    @CsvSource({
        "M1 1AE, M1 1AE",          // A9 9AA
        "B33 8TH, B33 8TH",        // A99 9AA
        "CR2 6XH, CR2 6XH",        // AA9 9AA
        "DN55 1PT, DN55 1PT",      // AA99 9AA
        "W1A 0AX, W1A 0AX",        // A9A 9AA
        "EC1A 1BB, EC1A 1BB",      // AA9A 9AA
        "sw1a 2aa, SW1A 2AA",      // lower case
        "SW1A2AA, SW1A 2AA",       // no space
        "'SW1A   2AA', SW1A 2AA",  // several spaces
        "Ls1 4ap, LS1 4AP",        // mixed case
        "GIR 0AA, GIR 0AA",
        "gir0aa, GIR 0AA"
    })
    void acceptsEveryUkFormAndNormalises(String value, String normalised) {
        assertThat(POSTCODE.check(value).value()).isEqualTo(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SW1A", "1AA 1AA", "SW1A 1A", "SW1A 11A", "SWW1A 1AA", "S1AA 1AA", "A9AA 9AA",
        "SW1A-1AA", "S W1A 1AA", "SW1A 1AA X", "EC1A1BBB", "GIR 1AA", "ÄB1 1AA", "12345"})
    void refusesWhatIsNotAPostcode(String value) {
        assertThat(POSTCODE.check(value).error()).isEqualTo(ErrorKind.INVALID_POSTCODE);
    }
}
