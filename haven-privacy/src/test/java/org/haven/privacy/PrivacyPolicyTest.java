package org.haven.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.schema.Schema;
import org.junit.jupiter.api.Test;

class PrivacyPolicyTest {

    private static final String YAML = """
            version: 1
            defaults:
              INDIRECT: generalise
            fields:
              sex: keep
              phone: {treatment: mask, keep_last: 3}
              date_of_birth: {treatment: generalise, to: age_band, width: 10, top: 90, reference: 2026-01-01}
              email: drop
            """;

    @Test
    void yamlAndJsonOfTheSamePolicyAreEqualAndHashTheSame() {
        PrivacyPolicy fromYaml = PrivacyPolicy.parse(YAML);
        PrivacyPolicy fromJson = PrivacyPolicy.parse(fromYaml.toJson());
        PrivacyPolicy fromYamlAgain = PrivacyPolicy.parse(fromYaml.toYaml());

        assertThat(fromJson).isEqualTo(fromYaml);
        assertThat(fromYamlAgain).isEqualTo(fromYaml);
        assertThat(fromJson.hash()).isEqualTo(fromYaml.hash()).startsWith("sha256:").hasSize(71);
        assertThat(fromYaml.fields().get("date_of_birth").parameters()).containsEntry("reference", "2026-01-01");
        assertThat(PrivacyPolicy.standard().hash()).isNotEqualTo(fromYaml.hash());
    }

    @Test
    void outputSchemaFollowsTheTreatments() {
        Schema output = PrivacyPolicy.parse(YAML).apply(TestSchemas.PATIENTS);

        assertThat(output.fields()).extracting(Field::name).containsExactly("nhs_number", "name", "date_of_birth",
                "postcode", "sex", "phone", "weight_kg", "admitted");
        Field nhs = output.field("nhs_number").orElseThrow();
        assertThat(nhs.dataType()).isEqualTo(DataType.STRING);
        assertThat(nhs.identifierType()).isEqualTo(IdentifierType.INDIRECT);
        assertThat(nhs.required()).isTrue();
        assertThat(output.field("date_of_birth").orElseThrow().dataType()).isEqualTo(DataType.STRING);
        assertThat(output.field("date_of_birth").orElseThrow().required()).isFalse();
        // INDIRECT default "generalise" on a postcode means its district.
        assertThat(output.field("postcode").orElseThrow().dataType()).isEqualTo(DataType.STRING);
        assertThat(output.field("sex").orElseThrow()).isEqualTo(TestSchemas.PATIENTS.field("sex").orElseThrow());
        assertThat(output.field("phone").orElseThrow().dataType()).isEqualTo(DataType.STRING);
        assertThat(output.field("weight_kg").orElseThrow().dataType()).isEqualTo(DataType.DECIMAL);
    }

    @Test
    void aDateGeneralisedToYearIsAnInteger() {
        Schema schema = Schema.of(Field.of("dob", DataType.DATE, IdentifierType.INDIRECT));
        PrivacyPolicy policy = PrivacyPolicy.standard().withField("dob", TreatmentSpec.of(TreatmentKind.GENERALISE,
                Map.of("to", "year")));
        assertThat(policy.apply(schema).fields().get(0).dataType()).isEqualTo(DataType.INTEGER);
        PrivacyPolicy quarter = PrivacyPolicy.standard().withField("DOB", TreatmentSpec.of(TreatmentKind.GENERALISE,
                Map.of("to", "quarter")));
        assertThat(quarter.apply(schema).fields().get(0).dataType()).isEqualTo(DataType.STRING);
    }

    @Test
    void everyProblemIsReportedWithItsField() {
        String json = """
                {"fields": {
                  "no_such_field": "keep",
                  "postcode": {"treatment": "generalise", "to": "year"},
                  "phone": {"treatment": "mask", "keep_last": -1, "colour": "red"},
                  "date_of_birth": {"treatment": "generalise", "to": "age_band"},
                  "weight_kg": {"treatment": "generalise", "to": "range"},
                  "admitted": {"treatment": "mask"}
                }}
                """;
        PrivacyPolicy policy = PrivacyPolicy.parse(json);
        assertThatThrownBy(() -> policy.resolve(TestSchemas.PATIENTS))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.problems())
                        .extracting(PolicyProblem::field, PolicyProblem::code)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple("no_such_field", PolicyProblem.Code.UNKNOWN_FIELD),
                                org.assertj.core.groups.Tuple.tuple("postcode",
                                        PolicyProblem.Code.TREATMENT_NOT_APPLICABLE),
                                org.assertj.core.groups.Tuple.tuple("phone", PolicyProblem.Code.UNKNOWN_PARAMETER),
                                org.assertj.core.groups.Tuple.tuple("phone", PolicyProblem.Code.INVALID_PARAMETER),
                                org.assertj.core.groups.Tuple.tuple("date_of_birth",
                                        PolicyProblem.Code.MISSING_PARAMETER),
                                org.assertj.core.groups.Tuple.tuple("weight_kg", PolicyProblem.Code.MISSING_PARAMETER),
                                org.assertj.core.groups.Tuple.tuple("admitted",
                                        PolicyProblem.Code.TREATMENT_NOT_APPLICABLE)))
                .hasMessageContaining("field 'no_such_field': the schema has no such field")
                .hasMessageContaining("field 'postcode': generalise to year does not apply to POSTCODE");
    }

    @Test
    void indirectDefaultGeneraliseNeedsAnOverrideWhereTheTypeHasNoDefaultTarget() {
        PrivacyPolicy policy = PrivacyPolicy.parse("defaults: {INDIRECT: generalise}");
        assertThatThrownBy(() -> policy.resolve(TestSchemas.PATIENTS))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("field 'sex': generalise needs 'to' for a CODE field");
    }

    @Test
    void malformedDocumentsAreRefusedWithoutAField() {
        assertThatThrownBy(() -> PrivacyPolicy.parse("{\"fields\": {\"a\": \"shred\"}}"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("field 'a': 'shred' is not one of");
        assertThatThrownBy(() -> PrivacyPolicy.parse("{\"felds\": {}}"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("unknown key 'felds'");
        assertThatThrownBy(() -> PrivacyPolicy.parse("{\"fields\": {"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> PrivacyPolicy.parse("fields: [a, b]"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("'fields' must be an object");
        assertThatThrownBy(() -> PrivacyPolicy.parse("version: 2"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("'version' must be 1");
        assertThatThrownBy(() -> PrivacyPolicy.parse("fields:\n  a: keep\n  a: drop\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> PrivacyPolicy.parse(" "))
                .isInstanceOf(PolicyException.class).hasMessageContaining("empty");
    }

    @Test
    void aPolicyThatDropsEverythingIsRefused() {
        Schema schema = Schema.of(Field.of("a", DataType.STRING, IdentifierType.DIRECT));
        assertThatThrownBy(() -> PrivacyPolicy.parse("fields: {a: drop}").apply(schema))
                .isInstanceOf(PolicyException.class).hasMessageContaining("drops every field");
    }

    @Test
    void aBadHierarchyTableIsRefusedWithTheReason() {
        Schema schema = Schema.of(Field.of("region", DataType.STRING, IdentifierType.INDIRECT));
        PrivacyPolicy splitting = PrivacyPolicy.standard().withField("region", TreatmentSpec.of(
                TreatmentKind.GENERALISE, Map.of("to", "hierarchy", "table", "a,x,1\nb,x,2\n")));
        assertThatThrownBy(() -> splitting.apply(schema))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("field 'region': 'table' is not a hierarchy: hierarchy level 2 splits values");
    }

    @Test
    void twoEntriesForTheSameFieldIgnoringCaseAreRefused() {
        PrivacyPolicy policy = PrivacyPolicy.parse("fields: {phone: keep, PHONE: drop}");
        assertThatThrownBy(() -> policy.resolve(TestSchemas.PATIENTS))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("field 'PHONE': another entry names the same field");
    }
}
