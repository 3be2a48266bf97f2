package org.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ProblemLinesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aProblemWithoutListsIsOneLine() {
        HttpJson.Response response = new HttpJson.Response(403, JSON.readTree("{\"detail\":\"Forbidden\",\"code\":\"forbidden\"}"));
        assertThat(response.problem()).isEqualTo("Forbidden (forbidden)");
    }

    @Test
    void listedErrorsAndSchemaChangesFollowOnePerLine() {
        HttpJson.Response invalid = new HttpJson.Response(400, JSON.readTree("""
                {"detail": "The schema has 1 error(s)", "code": "invalid-schema", "errors": [
                  {"problem": "DUPLICATE_FIELD", "path": "$.fields[1].name", "message": "$.fields[1].name: field 'ID': duplicate"},
                  {"field": "name", "message": "must be lower case"}]}"""));
        assertThat(invalid.problem().lines()).containsExactly("The schema has 1 error(s) (invalid-schema)",
                "  $.fields[1].name: field 'ID': duplicate", "  name: must be lower case");

        HttpJson.Response breaking = new HttpJson.Response(409, JSON.readTree("""
                {"detail": "1 breaking change(s)", "code": "breaking-schema-change", "changes": [
                  {"field_name": "sex", "kind": "CODES_REMOVED", "impact": "BREAKING", "detail": "codes removed: U"}]}"""));
        assertThat(breaking.problem().lines()).containsExactly("1 breaking change(s) (breaking-schema-change)",
                "  sex: CODES_REMOVED (BREAKING) codes removed: U");
    }

    @Test
    void pipelineProblemsAreSentencesListedAsTheyAre() {
        HttpJson.Response invalid = new HttpJson.Response(400, JSON.readTree("""
                {"detail": "The pipeline definition has 2 problem(s)", "code": "invalid-pipeline", "errors": [
                  "line 4: steps[1] (id 'validate'): unknown param 'colour'", "line 5: steps[2] (id 'x'): unknown type 'y'"]}"""));
        assertThat(invalid.problem().lines()).containsExactly("The pipeline definition has 2 problem(s) (invalid-pipeline)",
                "  line 4: steps[1] (id 'validate'): unknown param 'colour'", "  line 5: steps[2] (id 'x'): unknown type 'y'");
    }
}
