package org.haven.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class NhsNumberValidationTest {

    private static final FieldValidator NHS = FieldValidator.of(
            Field.of("nhs_number", DataType.NHS_NUMBER, IdentifierType.DIRECT).withRequired(true));

    @ParameterizedTest
    @ValueSource(strings = {"9434765919", "943 476 5919", " 943 476 5919 ", "4010232137", "401 023 2137"})
    void acceptsValidNumbersWithOrWithoutThreeThreeFourSpacing(String value) {
        FieldResult result = NHS.check(value);

        assertThat(result.isValid()).isTrue();
        assertThat(result.value()).isIn("9434765919", "4010232137");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "9434765918", "9434765910", "4010232138",   // wrong check digit
        "0000000060", "0000000061", "0000000069",   // check digit would be 10: never issued
        "943476591", "94347659190", "94",           // wrong length
        "94347659I9", "ABCDEFGHIJ", "943-476-5919", // letters and other separators
        "9434 765 919", "94 3476 5919", "943  476 5919", "943 4765919", "9 4 3 4 7 6 5 9 1 9" // odd spacing
    })
    void refusesInvalidNumbers(String value) {
        assertThat(NHS.check(value).error()).isEqualTo(ErrorKind.INVALID_NHS_NUMBER);
    }

    @Property(tries = 300)
    void generatedValidNumbersPass(@ForAll("validNhsNumbers") String number) {
        assertThat(NHS.check(number).value()).isEqualTo(number);
    }

    @Property(tries = 300)
    void anySingleDigitChangeFails(@ForAll("validNhsNumbers") String number, @ForAll @IntRange(min = 0, max = 9) int position,
            @ForAll @IntRange(min = 1, max = 9) int shift) {
        char[] digits = number.toCharArray();
        digits[position] = (char) ('0' + (digits[position] - '0' + shift) % 10);

        assertThat(NHS.check(new String(digits)).error()).isEqualTo(ErrorKind.INVALID_NHS_NUMBER);
    }

    @Provide
    Arbitrary<String> validNhsNumbers() {
        return Arbitraries.strings().numeric().ofLength(9)
                .map(first -> first + checkDigit(first))
                .filter(number -> number.length() == 10);
    }

    /** Computed independently of the production code: the NHS Data Dictionary's steps, written out. */
    private static String checkDigit(String firstNine) {
        int total = 0;
        for (int i = 0; i < 9; i++) {
            total += Character.getNumericValue(firstNine.charAt(i)) * (10 - i);
        }
        int check = 11 - (total % 11);
        if (check == 11) {
            return "0";
        }
        return check == 10 ? "" : Integer.toString(check);
    }
}
