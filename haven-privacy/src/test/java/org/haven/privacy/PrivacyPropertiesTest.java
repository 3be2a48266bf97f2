package org.haven.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.schema.Schema;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Properties of the treatments, hierarchies and disclosure control over generated inputs. */
class PrivacyPropertiesTest {

    private static final KeyRing KEYS = new KeyRing(KeysetRepositories.inMemory(), MasterKey.ephemeral());
    private static final KeyScope SCOPE_A = KeyScope.project("t1", "a");
    private static final KeyScope SCOPE_B = KeyScope.project("t1", "b");
    private static final Schema PEOPLE = Schema.of(
            Field.of("nhs_number", DataType.NHS_NUMBER, IdentifierType.DIRECT),
            Field.of("name", DataType.STRING, IdentifierType.DIRECT),
            Field.of("email", DataType.EMAIL, IdentifierType.DIRECT),
            Field.of("secret", DataType.STRING, IdentifierType.DIRECT),
            Field.of("phone", DataType.STRING, IdentifierType.DIRECT),
            Field.of("date_of_birth", DataType.DATE, IdentifierType.INDIRECT),
            Field.of("score", DataType.INTEGER, IdentifierType.NON_ID));
    private static final PrivacyPolicy POLICY = PrivacyPolicy.parse("""
            fields:
              name: pseudonymise
              secret: encrypt
              phone: {treatment: mask, keep_last: 2}
              date_of_birth: {treatment: generalise, to: year}
            """);

    @Provide
    Arbitrary<String> nhsNumbers() {
        return Arbitraries.longs().between(0, 999_999_999L).map(TestSchemas::nhsNumber).filter(n -> n != null);
    }

    @Property(tries = 200)
    void tokensAreDeterministicWithinAScopeAndDifferAcrossScopes(@ForAll("nhsNumbers") String nhs) {
        Schema schema = Schema.of(Field.of("nhs", DataType.NHS_NUMBER, IdentifierType.DIRECT));
        Map<String, Object> record = Map.of("nhs", nhs);
        Deidentifier a = Deidentifier.of(schema, PrivacyPolicy.standard(), KEYS, SCOPE_A);
        Deidentifier b = Deidentifier.of(schema, PrivacyPolicy.standard(), KEYS, SCOPE_B);

        Object token = a.apply(record).get("nhs");
        assertThat(a.apply(record).get("nhs")).isEqualTo(token);
        assertThat(Deidentifier.of(schema, PrivacyPolicy.standard(), KEYS, SCOPE_A).apply(record).get("nhs"))
                .isEqualTo(token);
        assertThat(b.apply(record).get("nhs")).isNotEqualTo(token);
        assertThat((String) token).matches("tk_[A-Za-z0-9_-]{32}");
    }

    @Property(tries = 200)
    void differentValuesGetDifferentTokens(@ForAll("nhsNumbers") String first, @ForAll("nhsNumbers") String second) {
        Assume.that(!first.equals(second));
        Schema schema = Schema.of(Field.of("nhs", DataType.NHS_NUMBER, IdentifierType.DIRECT));
        Deidentifier a = Deidentifier.of(schema, PrivacyPolicy.standard(), KEYS, SCOPE_A);
        assertThat(a.apply(Map.of("nhs", first)).get("nhs")).isNotEqualTo(a.apply(Map.of("nhs", second)).get("nhs"));
    }

    @Property(tries = 200)
    void pseudonymsRoundTripOnlyWithTheRightKeyScopeAndField(@ForAll @StringLength(min = 1, max = 40) String name) {
        Schema schema = Schema.of(Field.of("name", DataType.STRING, IdentifierType.DIRECT),
                Field.of("alias", DataType.STRING, IdentifierType.DIRECT));
        PrivacyPolicy policy = PrivacyPolicy.parse("defaults: {DIRECT: pseudonymise}");
        String pseudonym = (String) Deidentifier.of(schema, policy, KEYS, SCOPE_A).apply(Map.of("name", name))
                .get("name");

        assertThat(Reidentifier.of(schema, policy, KEYS, SCOPE_A).reidentify("name", pseudonym)).contains(name);
        assertThat(Reidentifier.of(schema, policy, KEYS, SCOPE_A).reidentify("alias", pseudonym)).isEmpty();
        assertThat(Reidentifier.of(schema, policy, KEYS, SCOPE_B).reidentify("name", pseudonym)).isEmpty();
        KeyRing otherKeys = new KeyRing(KeysetRepositories.inMemory(), MasterKey.ephemeral());
        assertThat(Reidentifier.of(schema, policy, otherKeys, SCOPE_A).reidentify("name", pseudonym)).isEmpty();
    }

    @Provide
    Arbitrary<Map<String, Object>> people() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '\'', 'é')
                .ofMinLength(6).ofMaxLength(30);
        Arbitrary<String> emails = Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(4)
                .ofMaxLength(12), Arbitraries.of("example.org", "nhs.net", "mail.co.uk"))
                .as((local, domain) -> local + "@" + domain);
        Arbitrary<String> phones = Arbitraries.strings().numeric().ofLength(11).map(d -> "0" + d.substring(1));
        Arbitrary<LocalDate> dates = Arbitraries.longs().between(-20_000, 20_000).map(LocalDate::ofEpochDay);
        return Combinators.combine(nhsNumbers(), names, emails, names, phones, dates,
                Arbitraries.longs().between(0, 999))
                .as((nhs, name, email, secret, phone, dob, score) -> {
                    Map<String, Object> record = new HashMap<>();
                    record.put("nhs_number", nhs);
                    record.put("name", name);
                    record.put("email", email);
                    record.put("secret", secret);
                    record.put("phone", phone);
                    record.put("date_of_birth", dob);
                    record.put("score", score);
                    return record;
                });
    }

    /**
     * Serialise de-identified records as CSV and JSON text and scan the bytes: no DIRECT value may appear (masking
     * keeps the last two characters on purpose, so the phone is checked without them).
     */
    @Property(tries = 100)
    void noRawDirectValueAppearsInTheOutputBytes(@ForAll("people") Map<String, Object> person) {
        Deidentifier deidentifier = Deidentifier.of(PEOPLE, POLICY, KEYS, SCOPE_A);
        Map<String, Object> out = deidentifier.apply(person);
        StringBuilder csv = new StringBuilder();
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, Object> entry : out.entrySet()) {
            csv.append(entry.getValue()).append(',');
            json.append('"').append(entry.getKey()).append("\":\"").append(entry.getValue()).append("\",");
        }
        byte[] bytes = (csv + "\n" + json + "}").getBytes(StandardCharsets.UTF_8);
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (String field : List.of("nhs_number", "name", "email", "secret")) {
            assertThat(text).as(field).doesNotContain((String) person.get(field));
        }
        String phone = (String) person.get("phone");
        assertThat(text).doesNotContain(phone.substring(0, phone.length() - 2));
        assertThat(text).doesNotContain(((String) person.get("nhs_number")).substring(0, 6));
    }

    @Provide
    Arbitrary<String> dates() {
        return Arbitraries.longs().between(-50_000, 50_000).map(day -> LocalDate.ofEpochDay(day).toString());
    }

    @Provide
    Arbitrary<String> postcodes() {
        Arbitrary<String> outward = Arbitraries.of("SW1A", "SW1B", "N1", "N12", "EC1A", "M1", "B33", "CR2", "DN55");
        Arbitrary<String> inward = Combinators.combine(Arbitraries.integers().between(0, 9),
                Arbitraries.strings().withCharRange('A', 'Z').ofLength(2)).as((d, l) -> d + l);
        return Combinators.combine(outward, inward).as((o, i) -> o + " " + i);
    }

    @Provide
    Arbitrary<String> ages() {
        return Arbitraries.longs().between(-200, 200).map(Object::toString);
    }

    /** Two values equal at a level stay equal at every coarser level: generalising never splits a class. */
    @Property(tries = 300)
    void datesGeneraliseMonotonically(@ForAll("dates") String a, @ForAll("dates") String b) {
        assertMonotone(Hierarchies.dates(), a, b);
    }

    @Property(tries = 300)
    void postcodesGeneraliseMonotonically(@ForAll("postcodes") String a, @ForAll("postcodes") String b) {
        assertMonotone(Hierarchies.postcodes(), a, b);
    }

    @Property(tries = 300)
    void bandsGeneraliseMonotonically(@ForAll("ages") String a, @ForAll("ages") String b) {
        assertMonotone(Hierarchies.bands(5, 10, 20, 100), a, b);
    }

    @Property(tries = 300)
    void tablesGeneraliseMonotonically(@ForAll @IntRange(min = 0, max = 11) int a, @ForAll @IntRange(min = 0,
            max = 11) int b) {
        Hierarchy months = Hierarchies.table(monthTable());
        assertMonotone(months, "m" + a, "m" + b);
    }

    private static String monthTable() {
        StringBuilder csv = new StringBuilder();
        for (int m = 0; m < 12; m++) {
            csv.append("m").append(m).append(",q").append(m / 3).append(",h").append(m / 6).append('\n');
        }
        return csv.toString();
    }

    private static void assertMonotone(Hierarchy hierarchy, String a, String b) {
        for (int level = 0; level < hierarchy.height(); level++) {
            String ga = hierarchy.generalise(a, level);
            String gb = hierarchy.generalise(b, level);
            if (ga != null && ga.equals(gb)) {
                assertThat(hierarchy.generalise(a, level + 1)).as("level %d", level + 1)
                        .isEqualTo(hierarchy.generalise(b, level + 1));
            }
        }
        assertThat(hierarchy.generalise(a, hierarchy.height())).isEqualTo(Hierarchy.SUPPRESSED);
    }

    @Provide
    Arbitrary<long[][]> tables() {
        return Arbitraries.integers().between(1, 6).flatMap(rows -> Arbitraries.integers().between(1, 6)
                .flatMap(columns -> Arbitraries.longs().between(0, 60).array(long[].class).ofSize(columns)
                        .array(long[][].class).ofSize(rows)));
    }

    /** No published figure is at or below the threshold; every line with a hidden figure hides at least two. */
    @Property(tries = 500)
    void disclosureControlHolds(@ForAll("tables") long[][] counts, @ForAll @IntRange(min = 0, max = 12) int threshold,
            @ForAll @IntRange(min = 1, max = 10) int base) {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < counts.length; r++) {
            rows.add("r" + r);
        }
        List<String> columns = new ArrayList<>();
        for (int c = 0; c < counts[0].length; c++) {
            columns.add("c" + c);
        }
        ProtectedTable table = new DisclosureControl(new SdcSettings(threshold, base))
                .protect(CountTable.of(rows, columns, counts));

        for (int r = 0; r <= table.rows(); r++) {
            int hiddenInRow = 0;
            for (int c = 0; c <= table.columns(); c++) {
                Long value = table.value(r, c);
                if (value == null) {
                    hiddenInRow++;
                    assertThat(table.status(r, c).isSuppressed()).isTrue();
                } else {
                    assertThat(value).isGreaterThan((long) threshold);
                    assertThat(value % base).isZero();
                }
            }
            assertThat(hiddenInRow).as("row %d", r).isNotEqualTo(1);
        }
        for (int c = 0; c <= table.columns(); c++) {
            int hiddenInColumn = 0;
            for (int r = 0; r <= table.rows(); r++) {
                if (table.value(r, c) == null) {
                    hiddenInColumn++;
                }
            }
            assertThat(hiddenInColumn).as("column %d", c).isNotEqualTo(1);
        }
        long notes = table.notes().size();
        assertThat(notes).isEqualTo(countHidden(table));
    }

    private static long countHidden(ProtectedTable table) {
        long hidden = 0;
        for (int r = 0; r <= table.rows(); r++) {
            for (int c = 0; c <= table.columns(); c++) {
                if (table.value(r, c) == null) {
                    hidden++;
                }
            }
        }
        return hidden;
    }

    /** Searching never returns a node that misses the target, and its k is what a recount says. */
    @Property(tries = 100)
    void kAnonymitySearchMeetsItsTarget(@ForAll("rowsOfAgesAndPostcodes") List<String[]> rows,
            @ForAll @IntRange(min = 1, max = 5) int k) {
        List<QuasiIdentifier> qis = List.of(new QuasiIdentifier("age", Hierarchies.bands(5, 10, 20)),
                new QuasiIdentifier("postcode", Hierarchies.postcodes()));
        KAnonymityReport report = KAnonymity.search(qis, rows, k, 0.1);
        if (report.achieved()) {
            assertThat(report.kReached()).isGreaterThanOrEqualTo(k);
            assertThat(report.suppressed()).isLessThanOrEqualTo((long) Math.floor(0.1 * rows.size()));
        } else {
            assertThat(rows.size()).isLessThan(k + (int) Math.floor(0.1 * rows.size()) + 1);
        }
    }

    @Provide
    Arbitrary<List<String[]>> rowsOfAgesAndPostcodes() {
        return Combinators.combine(ages(), postcodes()).as((age, postcode) -> new String[] {age, postcode})
                .list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 50)
    void maskKeepsLengthAndTail(@ForAll @AlphaChars @StringLength(min = 1, max = 30) String value) {
        Schema schema = Schema.of(Field.of("v", DataType.STRING, IdentifierType.DIRECT));
        Object masked = Deidentifier.of(schema, PrivacyPolicy.parse("fields: {v: mask}"), KEYS, SCOPE_A)
                .apply(Map.of("v", value)).get("v");
        assertThat((String) masked).hasSize(value.length());
        if (value.length() > 4) {
            assertThat((String) masked).endsWith(value.substring(value.length() - 4));
        }
    }
}
