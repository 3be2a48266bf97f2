package org.haven.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.schema.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real-world values, good and malformed, through each generalisation; nothing throws, malformed is counted. */
class GeneralisationExamplesTest {

    private final KeyRing keys = new KeyRing(KeysetRepositories.inMemory(), MasterKey.ephemeral());

    private Object one(DataType type, String spec, Object value) {
        Schema schema = Schema.of(Field.of("v", type, IdentifierType.INDIRECT));
        Deidentifier deidentifier = Deidentifier.of(schema, PrivacyPolicy.parse("fields: {v: " + spec + "}"), keys,
                KeyScope.tenant("t"));
        Map<String, Object> record = new HashMap<>();
        record.put("v", value);
        return deidentifier.apply(record).get("v");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "SW1A 1AA, SW1A, SW",
        "sw1a1aa, SW1A, SW",
        "'  EC1A  1BB ', EC1A, EC",
        "M1 1AE, M1, M",
        "B33 8TH, B33, B",
        "CR2 6XH, CR2, CR",
        "DN55 1PT, DN55, DN",
        "W1A 0AX, W1A, W",
        "GIR 0AA, GIR, GIR",
        "SW1A, NULL, NULL",
        "SW1A 1A, NULL, NULL",
        "1AA SW1, NULL, NULL",
        "SW1A-1AA, NULL, NULL",
        "'', NULL, NULL",
        "Q1 1QQQ, NULL, NULL",
        "N/A, NULL, NULL",
        "SW1A 1AA extra, NULL, NULL"})
    void postcodesToDistrictAndArea(String postcode, String district, String area) {
        assertThat(one(DataType.STRING, "{treatment: generalise, to: district}", postcode)).isEqualTo(district);
        assertThat(one(DataType.STRING, "{treatment: generalise, to: area}", postcode)).isEqualTo(area);
    }

    @Test
    void datesToYearQuarterMonth() {
        LocalDate leapDay = LocalDate.parse("2024-02-29");
        assertThat(one(DataType.DATE, "{treatment: generalise, to: year}", leapDay)).isEqualTo(2024L);
        assertThat(one(DataType.DATE, "{treatment: generalise, to: quarter}", leapDay)).isEqualTo("2024-Q1");
        assertThat(one(DataType.DATE, "{treatment: generalise, to: month}", leapDay)).isEqualTo("2024-02");
        assertThat(one(DataType.DATE, "{treatment: generalise, to: quarter}", LocalDate.parse("2024-12-31")))
                .isEqualTo("2024-Q4");
        // The date of a date-time is the one written, in its own offset: late evening in New York stays that day.
        assertThat(one(DataType.DATETIME, "{treatment: generalise, to: month}",
                OffsetDateTime.parse("2024-03-31T23:30:00-05:00"))).isEqualTo("2024-03");
        // A caller passing text instead of a typed date gets null, not an exception.
        assertThat(one(DataType.DATE, "{treatment: generalise, to: year}", "2024-02-30")).isNull();
    }

    @Test
    void impossibleDatesNeverReachTheDeidentifierBecauseTheSchemaRefusesThem() {
        Field dob = Field.of("dob", DataType.DATE, IdentifierType.INDIRECT);
        for (String bad : new String[] {"2023-02-29", "31/12/1980", "1980-13-01", "1980-00-10", "0000-00-00",
            "1980-1-1"}) {
            assertThat(org.haven.schema.FieldValidator.of(dob).check(bad).isValid()).as(bad).isFalse();
        }
        assertThat(Hierarchies.dates().generalise("2023-02-29", 1)).isNull();
        assertThat(Hierarchies.dates().generalise("31/12/1980", 3)).isNull();
        assertThat(Hierarchies.dates().generalise("1980-12-31", 2)).isEqualTo("1980-Q4");
    }

    @Test
    void nhsNumbersTokeniseTheSameWhateverTheSpacing() {
        Object plain = one(DataType.NHS_NUMBER, "tokenise", "9434765919");
        assertThat(one(DataType.NHS_NUMBER, "tokenise", "943 476 5919")).isEqualTo(plain);
        assertThat(one(DataType.NHS_NUMBER, "tokenise", "943-476-5919")).isEqualTo(plain);
        assertThat(one(DataType.NHS_NUMBER, "tokenise", "9434765918")).isNotEqualTo(plain);
        // Only NHS_NUMBER fields know the digits are what matters; a STRING is compared as written (trimmed, NFC).
        assertThat(one(DataType.STRING, "tokenise", " 9434765919 ")).isEqualTo(plain);
        assertThat(one(DataType.STRING, "tokenise", "943 476 5919")).isNotEqualTo(plain);
        assertThat(one(DataType.NHS_NUMBER, "{treatment: mask, keep_last: 4}", "9434765919")).isEqualTo("******5919");
    }

    @Test
    void nhsNumbersTheSchemaRefuses() {
        Field nhs = Field.of("nhs", DataType.NHS_NUMBER, IdentifierType.DIRECT);
        // wrong check digit, check digit 10, too short, letters, two spaces
        for (String bad : new String[] {"9434765918", "1234567890", "943476591", "94347659l9", "943  476 5919"}) {
            assertThat(org.haven.schema.FieldValidator.of(nhs).check(bad).isValid()).as(bad).isFalse();
        }
    }

    @Test
    void zipCodesToThreeDigits() {
        assertThat(one(DataType.STRING, "{treatment: generalise, to: zip3}", "02134")).isEqualTo("021");
        assertThat(one(DataType.STRING, "{treatment: generalise, to: zip3}", "02134-1234")).isEqualTo("021");
        assertThat(one(DataType.INTEGER, "{treatment: generalise, to: zip3}", 2134L)).isEqualTo("021");
        assertThat(one(DataType.STRING, "{treatment: generalise, to: zip3}", "2134")).isNull();
        assertThat(one(DataType.STRING, "{treatment: generalise, to: zip3}", "0213A")).isNull();
        assertThat(one(DataType.INTEGER, "{treatment: generalise, to: zip3}", 123456L)).isNull();
    }

    @Test
    void numbersToRangesAndAgesToBands() {
        assertThat(one(DataType.INTEGER, "{treatment: generalise, to: range, width: 10}", 37L)).isEqualTo("[30,40)");
        assertThat(one(DataType.INTEGER, "{treatment: generalise, to: range, width: 10}", -3L)).isEqualTo("[-10,0)");
        assertThat(one(DataType.DECIMAL, "{treatment: generalise, to: range, width: 2.5}", new BigDecimal("61.5")))
                .isEqualTo("[60,62.5)");
        assertThat(one(DataType.INTEGER, "{treatment: generalise, to: age_band}", 89L)).isEqualTo("[80,90)");
        assertThat(one(DataType.INTEGER, "{treatment: generalise, to: age_band}", 90L)).isEqualTo("90+");
        assertThat(one(DataType.INTEGER, "{treatment: generalise, to: age_band}", -1L)).isNull();
    }

    @Test
    void customHierarchiesFromATable() {
        String spec = "{treatment: generalise, to: hierarchy, level: 2, table: \"Leeds,West Yorkshire,North\\n"
                + "Bradford,West Yorkshire,North\\nBrighton,East Sussex,South\\n\"}";
        assertThat(one(DataType.STRING, spec, "Bradford")).isEqualTo("North");
        assertThat(one(DataType.STRING, spec, "Atlantis")).isNull();
        assertThat(one(DataType.STRING, spec.replace("level: 2", "level: 1"), "Leeds")).isEqualTo("West Yorkshire");
    }

    @Test
    void maskKeepsTheLastCharactersAndHidesShortValuesEntirely() {
        assertThat(one(DataType.STRING, "{treatment: mask, keep_last: 4, char: '#'}", "07700 900123"))
                .isEqualTo("########0123");
        assertThat(one(DataType.STRING, "mask", "abc")).isEqualTo("***");
        assertThat(one(DataType.STRING, "{treatment: mask, keep_last: 0}", "abc")).isEqualTo("***");
        assertThatThrownBy(() -> one(DataType.STRING, "{treatment: mask, char: '##'}", "abc"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("single character");
    }
}
