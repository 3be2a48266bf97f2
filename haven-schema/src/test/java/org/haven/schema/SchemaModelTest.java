package org.haven.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.haven.schema.SchemaException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaModelTest {

    private static Problem problemOf(Runnable construction) {
        try {
            construction.run();
        } catch (SchemaException e) {
            return e.problem();
        }
        throw new AssertionError("expected a SchemaException");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "_abc", "has space", "has-dash", "é", "nhs.number",
        "a234567890123456789012345678901234567890123456789012345678901234"})
    void refusesIllegalFieldNames(String name) {
        assertThatThrownBy(() -> Field.of(name, DataType.STRING, IdentifierType.NON_ID))
                .isInstanceOfSatisfying(SchemaException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.INVALID_FIELD_NAME);
                    assertThat(e.fieldName()).contains(name);
                });
    }

    @Test
    void acceptsNamesUpToSixtyThreeCharacters() {
        String longest = "a" + "_1".repeat(31);

        assertThat(Field.of(longest, DataType.STRING, IdentifierType.NON_ID).name()).hasSize(63);
    }

    @Test
    void refusesDuplicateFieldNamesIgnoringCase() {
        assertThatThrownBy(() -> Schema.of(
                Field.of("Surname", DataType.STRING, IdentifierType.DIRECT),
                Field.of("surname", DataType.STRING, IdentifierType.DIRECT)))
                .isInstanceOfSatisfying(SchemaException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.DUPLICATE_FIELD);
                    assertThat(e.fieldName()).contains("surname");
                });
    }

    @Test
    void refusesAnEmptySchema() {
        assertThat(problemOf(() -> new Schema(List.of()))).isEqualTo(Problem.NO_FIELDS);
    }

    @Test
    void findsFieldsIgnoringCase() {
        Schema schema = Schema.of(Field.of("nhs_number", DataType.NHS_NUMBER, IdentifierType.DIRECT));

        assertThat(schema.field("NHS_NUMBER")).isPresent();
        assertThat(schema.field("postcode")).isEmpty();
    }

    @Test
    void codeFieldsNeedACleanCodeListAndOnlyThemHaveOne() {
        assertThat(problemOf(() -> Field.code("sex", IdentifierType.INDIRECT, List.of())))
                .isEqualTo(Problem.MISSING_CODE_LIST);
        assertThat(problemOf(() -> Field.code("sex", IdentifierType.INDIRECT, List.of("M", "M"))))
                .isEqualTo(Problem.INVALID_CODE_LIST);
        assertThat(problemOf(() -> Field.code("sex", IdentifierType.INDIRECT, List.of(" M"))))
                .isEqualTo(Problem.INVALID_CODE_LIST);
        assertThat(problemOf(() -> new Field("sex", DataType.STRING, IdentifierType.INDIRECT, false, "",
                Constraints.NONE, List.of("M")))).isEqualTo(Problem.CONSTRAINT_NOT_APPLICABLE);
    }

    @Test
    void constraintsMustFitTheType() {
        Field text = Field.of("text", DataType.STRING, IdentifierType.NON_ID);
        Field number = Field.of("number", DataType.INTEGER, IdentifierType.NON_ID);

        assertThat(problemOf(() -> text.withConstraints(Constraints.range("1", "2"))))
                .isEqualTo(Problem.CONSTRAINT_NOT_APPLICABLE);
        assertThat(problemOf(() -> number.withConstraints(Constraints.pattern("[0-9]+"))))
                .isEqualTo(Problem.CONSTRAINT_NOT_APPLICABLE);
        assertThat(problemOf(() -> number.withConstraints(Constraints.range("1.5", null))))
                .isEqualTo(Problem.INVALID_RANGE);
        assertThat(problemOf(() -> number.withConstraints(Constraints.range("10", "2"))))
                .isEqualTo(Problem.INVALID_RANGE);
        assertThat(problemOf(() -> number.withConstraints(Constraints.allowedValues(List.of("one")))))
                .isEqualTo(Problem.INVALID_ALLOWED_VALUE);
        assertThat(problemOf(() -> Field.code("c", IdentifierType.NON_ID, List.of("A"))
                .withConstraints(Constraints.allowedValues(List.of("B"))))).isEqualTo(Problem.INVALID_ALLOWED_VALUE);
    }

    @Test
    void constraintsCheckThemselves() {
        assertThat(problemOf(() -> Constraints.pattern("(unclosed"))).isEqualTo(Problem.INVALID_PATTERN);
        assertThat(problemOf(() -> Constraints.pattern("a".repeat(Constraints.MAX_PATTERN_LENGTH + 1))))
                .isEqualTo(Problem.PATTERN_TOO_LONG);
        assertThat(problemOf(() -> Constraints.length(5, 4))).isEqualTo(Problem.INVALID_LENGTH);
        assertThat(problemOf(() -> Constraints.length(-1, null))).isEqualTo(Problem.INVALID_LENGTH);
    }

    @Test
    void patternIsCompiledOnce() {
        Constraints constraints = Constraints.pattern("[a-z]+");

        assertThat(constraints.compiledPattern()).isSameAs(constraints.compiledPattern());
        assertThat(constraints).isEqualTo(Constraints.pattern("[a-z]+"));
    }
}
