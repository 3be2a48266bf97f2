package org.haven.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.haven.schema.SchemaException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaJsonTest {

    static final Schema CLINIC = Schema.of(
            Field.of("nhs_number", DataType.NHS_NUMBER, IdentifierType.DIRECT).withRequired(true)
                    .withDescription("NHS number of the patient"),
            Field.of("birth_date", DataType.DATE, IdentifierType.INDIRECT)
                    .withConstraints(Constraints.range("1900-01-01", "2100-12-31")),
            Field.of("weight_kg", DataType.DECIMAL, IdentifierType.NON_ID)
                    .withConstraints(Constraints.range("0.5", "500.25")),
            Field.of("visits", DataType.INTEGER, IdentifierType.NON_ID)
                    .withConstraints(Constraints.range("0", null).withAllowedValues(List.of("0", "1", "2"))),
            Field.code("sex", IdentifierType.INDIRECT, List.of("M", "F", "U")),
            Field.of("ward", DataType.STRING, IdentifierType.NON_ID)
                    .withConstraints(Constraints.pattern("[A-Z]{2}\\d+").withLength(3, 8)),
            Field.of("seen_at", DataType.DATETIME, IdentifierType.NON_ID).withRequired(true));

    @Test
    void roundTripsEveryPartOfTheModel() {
        String json = SchemaJson.write(CLINIC);

        assertThat(SchemaJson.parse(json)).isEqualTo(CLINIC);
        assertThat(SchemaJson.write(SchemaJson.parse(json))).isEqualTo(json);
    }

    @Test
    void writesSnakeCaseAndLeavesOutEmptyParts() {
        String json = SchemaJson.write(Schema.of(
                Field.of("nhs_number", DataType.NHS_NUMBER, IdentifierType.DIRECT).withRequired(true),
                Field.of("visits", DataType.INTEGER, IdentifierType.NON_ID)
                        .withConstraints(Constraints.range("0", "10").withLength(null, null))));

        assertThat(json).isEqualTo("{\"fields\":["
                + "{\"name\":\"nhs_number\",\"data_type\":\"NHS_NUMBER\",\"identifier_type\":\"DIRECT\",\"required\":true},"
                + "{\"name\":\"visits\",\"data_type\":\"INTEGER\",\"identifier_type\":\"NON_ID\",\"required\":false,"
                + "\"constraints\":{\"minimum\":0,\"maximum\":10}}]}");
    }

    @Test
    void readsTheSeedStyleDocumentWithDefaults() {
        Schema schema = SchemaJson.parse("""
                {"fields": [
                  {"name": "postcode", "data_type": "POSTCODE", "identifier_type": "INDIRECT"},
                  {"name": "dose", "data_type": "DECIMAL", "identifier_type": "NON_ID",
                   "constraints": {"minimum": 0.25, "maximum": "2"}}
                ]}""");

        assertThat(schema.fields().get(0).required()).isFalse();
        assertThat(schema.fields().get(1).constraints().minimum()).isEqualTo("0.25");
        assertThat(schema.fields().get(1).constraints().maximum()).isEqualTo("2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json                     | {\"fields\": [                                                                          | INVALID_JSON       | $",
        "fields missing               | {}                                                                                     | MISSING_PROPERTY   | $.fields",
        "unknown top-level property   | {\"fields\": [], \"owner\": \"x\"}                                                     | UNKNOWN_PROPERTY   | $.owner",
        "no fields                    | {\"fields\": []}                                                                       | NO_FIELDS          | $.fields",
        "fields not an array          | {\"fields\": {}}                                                                       | WRONG_JSON_TYPE    | $.fields",
        "misspelt property            | {\"fields\": [{\"name\": \"a\", \"data_type\": \"STRING\", \"identifier_type\": \"NON_ID\", \"requried\": true}]} | UNKNOWN_PROPERTY | $.fields[0].requried",
        "missing identifier type      | {\"fields\": [{\"name\": \"a\", \"data_type\": \"STRING\"}]}                           | MISSING_PROPERTY   | $.fields[0].identifier_type",
        "unknown data type            | {\"fields\": [{\"name\": \"a\", \"data_type\": \"TEXT\", \"identifier_type\": \"NON_ID\"}]} | UNKNOWN_DATA_TYPE | $.fields[0].data_type",
        "unknown identifier type      | {\"fields\": [{\"name\": \"a\", \"data_type\": \"STRING\", \"identifier_type\": \"SECRET\"}]} | UNKNOWN_IDENTIFIER_TYPE | $.fields[0].identifier_type",
        "required not a boolean       | {\"fields\": [{\"name\": \"a\", \"data_type\": \"STRING\", \"identifier_type\": \"NON_ID\", \"required\": \"yes\"}]} | WRONG_JSON_TYPE | $.fields[0].required",
        "bad name                     | {\"fields\": [{\"name\": \"1a\", \"data_type\": \"STRING\", \"identifier_type\": \"NON_ID\"}]} | INVALID_FIELD_NAME | $.fields[0].name",
        "duplicate field              | {\"fields\": [{\"name\": \"a\", \"data_type\": \"STRING\", \"identifier_type\": \"NON_ID\"}, {\"name\": \"A\", \"data_type\": \"DATE\", \"identifier_type\": \"NON_ID\"}]} | DUPLICATE_FIELD | $.fields[1].name",
        "duplicate key                | {\"fields\": [{\"name\": \"a\", \"data_type\": \"STRING\", \"identifier_type\": \"NON_ID\", \"identifier_type\": \"DIRECT\"}]} | INVALID_JSON | $",
        "bad pattern                  | {\"fields\": [{\"name\": \"a\", \"data_type\": \"STRING\", \"identifier_type\": \"NON_ID\", \"constraints\": {\"pattern\": \"(\"}}]} | INVALID_PATTERN | $.fields[0].constraints.pattern",
        "length not whole             | {\"fields\": [{\"name\": \"a\", \"data_type\": \"STRING\", \"identifier_type\": \"NON_ID\", \"constraints\": {\"max_length\": 1.5}}]} | WRONG_JSON_TYPE | $.fields[0].constraints.max_length",
        "range on text                | {\"fields\": [{\"name\": \"a\", \"data_type\": \"STRING\", \"identifier_type\": \"NON_ID\", \"constraints\": {\"minimum\": 1}}]} | CONSTRAINT_NOT_APPLICABLE | $.fields[0]",
        "code without list            | {\"fields\": [{\"name\": \"a\", \"data_type\": \"CODE\", \"identifier_type\": \"NON_ID\"}]} | MISSING_CODE_LIST | $.fields[0].code_list",
        "code list not strings        | {\"fields\": [{\"name\": \"a\", \"data_type\": \"CODE\", \"identifier_type\": \"NON_ID\", \"code_list\": [\"A\", 2]}]} | WRONG_JSON_TYPE | $.fields[0].code_list[1]"
    })
    void refusesBadDocumentsNamingTheJsonPath(String caseName, String json, Problem problem, String path) {
        assertThatThrownBy(() -> SchemaJson.parse(json))
                .isInstanceOfSatisfying(SchemaException.class, e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.jsonPath()).contains(path);
                    assertThat(e.getMessage()).startsWith(path + ": ");
                });
    }

    @Test
    void problemsListsEveryBadFieldAndEveryDuplicateAtOnce() {
        var document = tools.jackson.databind.json.JsonMapper.builder().build().readTree("""
                {"fields": [
                  {"name": "id", "data_type": "INTEGER", "identifier_type": "NON_ID"},
                  {"name": "sex", "data_type": "CODE", "identifier_type": "INDIRECT"},
                  {"name": "ID", "data_type": "STRING", "identifier_type": "NON_ID"},
                  {"name": "dose", "data_type": "FLOAT", "identifier_type": "NON_ID"}
                ]}""");

        List<SchemaException> problems = SchemaJson.problems(document);

        assertThat(problems).extracting(SchemaException::problem)
                .containsExactly(Problem.MISSING_CODE_LIST, Problem.DUPLICATE_FIELD, Problem.UNKNOWN_DATA_TYPE);
        assertThat(problems).extracting(problem -> problem.jsonPath().orElseThrow())
                .containsExactly("$.fields[1].code_list", "$.fields[2].name", "$.fields[3].data_type");
        assertThatThrownBy(() -> SchemaJson.parse(document)).isInstanceOf(SchemaException.class)
                .extracting(e -> ((SchemaException) e).problem()).isEqualTo(Problem.MISSING_CODE_LIST);
    }

    @Test
    void problemsIsEmptyForAValidDocumentAndOneForADocumentOfTheWrongShape() {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();

        assertThat(SchemaJson.problems(SchemaJson.toJsonNode(CLINIC))).isEmpty();
        assertThat(SchemaJson.problems(json.readTree("{\"fields\": {}}"))).extracting(SchemaException::problem)
                .containsExactly(Problem.WRONG_JSON_TYPE);
        assertThat(SchemaJson.problems(json.readTree("{\"fields\": []}"))).extracting(SchemaException::problem)
                .containsExactly(Problem.NO_FIELDS);
    }
}
