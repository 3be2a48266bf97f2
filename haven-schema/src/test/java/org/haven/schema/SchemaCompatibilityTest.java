package org.haven.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.haven.schema.SchemaChange.Impact;
import org.haven.schema.SchemaChange.Kind;
import org.haven.schema.SchemaException.Problem;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {

    private static final Field NHS = Field.of("nhs_number", DataType.NHS_NUMBER, IdentifierType.DIRECT)
            .withRequired(true);
    private static final Field AGE = Field.of("age", DataType.INTEGER, IdentifierType.INDIRECT)
            .withConstraints(Constraints.range("0", "120"));
    private static final Field SEX = Field.code("sex", IdentifierType.INDIRECT, List.of("M", "F"));
    private static final Field WARD = Field.of("ward", DataType.STRING, IdentifierType.NON_ID)
            .withConstraints(Constraints.length(null, 10).withAllowedValues(List.of("A1", "B2")));
    private static final Schema BASE = Schema.of(NHS, AGE, SEX, WARD);

    private static List<SchemaChange> changesTo(Field... fields) {
        return SchemaCompatibility.compare(BASE, Schema.of(fields));
    }

    @Test
    void identicalSchemasHaveNoChangesWhateverTheOrder() {
        assertThat(SchemaCompatibility.compare(BASE, Schema.of(WARD, SEX, AGE, NHS))).isEmpty();
    }

    @Test
    void additiveChanges() {
        List<SchemaChange> changes = changesTo(NHS.withDescription("the patient's NHS number"),
                AGE.withRequired(false).withConstraints(Constraints.range("-1", null)),
                Field.code("sex", IdentifierType.INDIRECT, List.of("M", "F", "U")),
                WARD.withConstraints(Constraints.length(null, 20).withAllowedValues(List.of("A1", "B2", "C3"))),
                Field.of("notes", DataType.STRING, IdentifierType.NON_ID));

        assertThat(changes).extracting(SchemaChange::fieldName, SchemaChange::kind).containsExactlyInAnyOrder(
                tuple("nhs_number", Kind.DESCRIPTION_CHANGED),
                tuple("age", Kind.RANGE_RELAXED),
                tuple("age", Kind.RANGE_RELAXED),
                tuple("sex", Kind.CODES_ADDED),
                tuple("ward", Kind.LENGTH_RELAXED),
                tuple("ward", Kind.ALLOWED_VALUES_RELAXED),
                tuple("notes", Kind.OPTIONAL_FIELD_ADDED));
        assertThat(SchemaCompatibility.hasBreakingChange(changes)).isFalse();
        assertThat(SchemaCompatibility.checkEvolution(BASE, Schema.of(NHS, AGE, SEX, WARD,
                Field.of("notes", DataType.STRING, IdentifierType.NON_ID)), false)).hasSize(1);
    }

    @Test
    void breakingChanges() {
        List<SchemaChange> changes = changesTo(
                NHS.withIdentifierType(IdentifierType.INDIRECT),
                Field.of("age", DataType.DECIMAL, IdentifierType.INDIRECT),
                Field.code("sex", IdentifierType.DIRECT, List.of("M")).withRequired(true),
                WARD.withConstraints(Constraints.length(2, 10).withAllowedValues(List.of("A1")).withPattern("[A-Z]\\d")),
                Field.of("clinic", DataType.STRING, IdentifierType.NON_ID).withRequired(true));

        assertThat(changes).extracting(SchemaChange::fieldName, SchemaChange::kind).containsExactlyInAnyOrder(
                tuple("nhs_number", Kind.IDENTIFIER_TYPE_LOWERED),
                tuple("age", Kind.DATA_TYPE_CHANGED),
                tuple("sex", Kind.MADE_REQUIRED),
                tuple("sex", Kind.IDENTIFIER_TYPE_RAISED),
                tuple("sex", Kind.CODES_REMOVED),
                tuple("ward", Kind.PATTERN_ADDED),
                tuple("ward", Kind.LENGTH_TIGHTENED),
                tuple("ward", Kind.ALLOWED_VALUES_TIGHTENED),
                tuple("clinic", Kind.REQUIRED_FIELD_ADDED));
        assertThat(changes).allMatch(SchemaChange::isBreaking);
    }

    @Test
    void removedAndRenamedFieldsAreBreaking() {
        List<SchemaChange> changes = changesTo(
                Field.of("NHS_Number", DataType.NHS_NUMBER, IdentifierType.DIRECT).withRequired(true), AGE, SEX);

        assertThat(changes).extracting(SchemaChange::fieldName, SchemaChange::kind, SchemaChange::impact)
                .containsExactlyInAnyOrder(
                        tuple("NHS_Number", Kind.FIELD_RENAMED, Impact.BREAKING),
                        tuple("ward", Kind.FIELD_REMOVED, Impact.BREAKING));
    }

    @Test
    void rangeChangesCompareTypedValues() {
        Field dose = Field.of("dose", DataType.DECIMAL, IdentifierType.NON_ID)
                .withConstraints(Constraints.range("1.0", "10"));

        assertThat(SchemaCompatibility.compare(Schema.of(dose),
                Schema.of(dose.withConstraints(Constraints.range("1.00", "9.5")))))
                .extracting(SchemaChange::kind, SchemaChange::detail)
                .containsExactly(tuple(Kind.RANGE_TIGHTENED, "maximum 10 -> 9.5"));
    }

    @Test
    void breakingChangesNeedTheExplicitFlag() {
        Schema withoutWard = Schema.of(NHS, AGE, SEX);

        assertThatThrownBy(() -> SchemaCompatibility.checkEvolution(BASE, withoutWard, false))
                .isInstanceOfSatisfying(SchemaException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.BREAKING_CHANGE);
                    assertThat(e.fieldName()).contains("ward");
                });
        assertThat(SchemaCompatibility.checkEvolution(BASE, withoutWard, true))
                .extracting(SchemaChange::kind).containsExactly(Kind.FIELD_REMOVED);
    }
}
