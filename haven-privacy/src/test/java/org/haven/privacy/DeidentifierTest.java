package org.haven.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.schema.RecordResult;
import org.haven.schema.RecordValidator;
import org.haven.schema.Schema;
import org.junit.jupiter.api.Test;

class DeidentifierTest {

    private static final String POLICY = """
            fields:
              phone: {treatment: mask, keep_last: 3}
              name: pseudonymise
              email: encrypt
              date_of_birth: {treatment: generalise, to: age_band, reference: 2026-01-01}
              postcode: {treatment: generalise, to: district}
            """;

    private final KeyRing keys = new KeyRing(KeysetRepositories.inMemory(), MasterKey.ephemeral());
    private final KeyScope scope = KeyScope.project("t1", "p1");

    private static Map<String, Object> typed(Map<String, String> raw) {
        RecordResult result = RecordValidator.of(TestSchemas.PATIENTS).validate(raw);
        assertThat(result.errors()).isEmpty();
        return result.values();
    }

    private static Map<String, String> patient() {
        Map<String, String> raw = new HashMap<>();
        raw.put("nhs_number", "943 476 5919");
        raw.put("name", "Ada Lovelace");
        raw.put("email", "ada@example.org");
        raw.put("date_of_birth", "1980-06-15");
        raw.put("postcode", "sw1a 1aa");
        raw.put("sex", "F");
        raw.put("phone", "07700 900123");
        raw.put("weight_kg", "61.5");
        raw.put("admitted", "2026-03-04T10:15:00Z");
        return raw;
    }

    @Test
    void aRecordComesOutInTheOutputSchemaWithEveryTreatmentApplied() {
        Deidentifier deidentifier = Deidentifier.of(TestSchemas.PATIENTS, PrivacyPolicy.parse(POLICY), keys, scope);

        Map<String, Object> out = deidentifier.apply(typed(patient()));

        assertThat(out.keySet()).containsExactlyElementsOf(deidentifier.outputSchema().fields().stream()
                .map(Field::name).toList());
        assertThat((String) out.get("nhs_number")).startsWith("tk_").hasSize(35);
        assertThat((String) out.get("name")).startsWith("ps_");
        assertThat((String) out.get("email")).startsWith("enc_");
        assertThat(out.get("date_of_birth")).isEqualTo("[40,50)");
        assertThat(out.get("postcode")).isEqualTo("SW1A");
        assertThat(out.get("sex")).isEqualTo("F");
        assertThat(out.get("phone")).isEqualTo("*********123");
        assertThat(out.get("weight_kg")).isEqualTo(new BigDecimal("61.5"));
        assertThat(deidentifier.unchangedFields()).containsExactlyInAnyOrder("sex", "weight_kg", "admitted");
        Map<String, Object> treatedOnly = new HashMap<>(typed(patient()));
        treatedOnly.keySet().removeAll(deidentifier.unchangedFields());
        assertThat(deidentifier.apply(treatedOnly)).containsEntry("postcode", "SW1A").containsEntry("sex", null);

        Reidentifier reidentifier = Reidentifier.of(TestSchemas.PATIENTS, PrivacyPolicy.parse(POLICY), keys, scope);
        assertThat(reidentifier.reidentify("name", (String) out.get("name"))).contains("Ada Lovelace");
        assertThat(reidentifier.reidentify("email", (String) out.get("email"))).contains("ada@example.org");
        assertThat(reidentifier.reidentify("email", (String) out.get("name"))).isEmpty();
        assertThatThrownBy(() -> reidentifier.reidentify("nhs_number", (String) out.get("nhs_number")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be reversed");
    }

    @Test
    void formattingDifferencesGiveTheSameTokenAndTheSummaryCountsWhatHappened() {
        Schema loose = Schema.of(
                Field.of("nhs", DataType.STRING, IdentifierType.DIRECT),
                Field.of("postcode", DataType.STRING, IdentifierType.INDIRECT),
                Field.of("email", DataType.EMAIL, IdentifierType.DIRECT));
        PrivacyPolicy policy = PrivacyPolicy.parse("fields: {postcode: {treatment: generalise, to: area}}");
        Deidentifier deidentifier = Deidentifier.of(loose, policy, keys, scope);

        Map<String, Object> a = deidentifier.apply(Map.of("nhs", "9434765919", "postcode", "N1 9GU",
                "email", " Ada@Example.ORG"));
        Map<String, Object> b = deidentifier.apply(Map.of("nhs", "9434765919", "postcode", "not a postcode",
                "email", "ada@example.org"));
        Map<String, Object> c = new HashMap<>();
        c.put("nhs", null);
        c.put("postcode", 12345L);
        c.put("surname", "Lovelace");
        Map<String, Object> third = deidentifier.apply(c);

        assertThat(a.get("nhs")).isEqualTo(b.get("nhs"));
        assertThat(a.get("email")).isEqualTo(b.get("email"));
        assertThat(a.get("postcode")).isEqualTo("N");
        assertThat(b.get("postcode")).isNull();
        assertThat(third).doesNotContainKey("surname").containsEntry("nhs", null);

        DeidentificationSummary summary = deidentifier.summary();
        assertThat(summary.records()).isEqualTo(3);
        assertThat(summary.unknownValues()).isEqualTo(1);
        assertThat(summary.policyHash()).isEqualTo(policy.hash());
        assertThat(summary.keysets()).singleElement().satisfies(info -> {
            assertThat(info.purpose()).isEqualTo(KeyPurpose.TOKENISE);
            assertThat(info.version()).isEqualTo(1);
        });
        FieldCounts postcode = summary.fields().get("postcode");
        assertThat(postcode.treated()).isEqualTo(1);
        assertThat(postcode.suppressed()).containsEntry(SuppressionReason.MALFORMED, 1L)
                .containsEntry(SuppressionReason.UNEXPECTED_TYPE, 1L);
        assertThat(postcode.malformed()).isEqualTo(2);
        assertThat(summary.fields().get("nhs").nulls()).isEqualTo(1);
        assertThat(summary.fields().get("email").nulls()).isEqualTo(1);
    }

    @Test
    void theSameScopeLinksAndAnotherScopeDoesNot() {
        PrivacyPolicy policy = PrivacyPolicy.standard();
        Map<String, Object> record = typed(patient());
        Object first = Deidentifier.of(TestSchemas.PATIENTS, policy, keys, scope).apply(record).get("nhs_number");
        Object again = Deidentifier.of(TestSchemas.PATIENTS, policy, keys, scope).apply(record).get("nhs_number");
        Object other = Deidentifier.of(TestSchemas.PATIENTS, policy, keys, KeyScope.project("t1", "p2"))
                .apply(record).get("nhs_number");
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void oneInstanceServesManyThreads() throws Exception {
        Deidentifier deidentifier = Deidentifier.of(TestSchemas.PATIENTS, PrivacyPolicy.parse(POLICY), keys, scope);
        Map<String, Object> record = typed(patient());
        Object expected = deidentifier.apply(record).get("nhs_number");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = pool.invokeAll(List.of(
                    () -> runMany(deidentifier, record, expected), () -> runMany(deidentifier, record, expected),
                    () -> runMany(deidentifier, record, expected), () -> runMany(deidentifier, record, expected)));
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(deidentifier.summary().records()).isEqualTo(1 + 4 * 500);
        assertThat(deidentifier.summary().fields().get("nhs_number").treated()).isEqualTo(1 + 4 * 500);
    }

    private static boolean runMany(Deidentifier deidentifier, Map<String, Object> record, Object expected) {
        for (int i = 0; i < 500; i++) {
            if (!expected.equals(deidentifier.apply(record).get("nhs_number"))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aPolicyThatDoesNotFitCreatesNoKeys() {
        KeysetRepository repository = KeysetRepositories.inMemory();
        KeyRing ring = new KeyRing(repository, MasterKey.ephemeral());
        assertThatThrownBy(() -> Deidentifier.of(TestSchemas.PATIENTS, PrivacyPolicy.parse("fields: {x: keep}"),
                ring, scope)).isInstanceOf(PolicyException.class);
        assertThat(repository.listByTenant("t1")).isEmpty();
    }

    @Test
    void datesOfBirthAfterTheReferenceOrImplausiblyOldAreSuppressedNotThrown() {
        Schema schema = Schema.of(Field.of("dob", DataType.DATE, IdentifierType.INDIRECT));
        Deidentifier deidentifier = Deidentifier.of(schema, PrivacyPolicy.parse(
                "fields: {dob: {treatment: generalise, to: age_band, width: 5, top: 85, reference: '2026-01-01'}}"),
                keys, scope);
        assertThat(deidentifier.apply(Map.of("dob", LocalDate.parse("2030-01-01"))).get("dob")).isNull();
        assertThat(deidentifier.apply(Map.of("dob", LocalDate.parse("1850-01-01"))).get("dob")).isNull();
        assertThat(deidentifier.apply(Map.of("dob", LocalDate.parse("1930-01-01"))).get("dob")).isEqualTo("85+");
        assertThat(deidentifier.apply(Map.of("dob", LocalDate.parse("2025-12-31"))).get("dob")).isEqualTo("[0,5)");
        assertThat(deidentifier.apply(Map.of("dob", LocalDate.parse("2000-01-01"))).get("dob")).isEqualTo("[25,30)");
        assertThat(deidentifier.summary().fields().get("dob").suppressed())
                .containsEntry(SuppressionReason.OUT_OF_RANGE, 2L);
    }
}
