package org.haven.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.Responses.created;
import static org.haven.server.Responses.errorFields;
import static org.haven.server.Responses.ok;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.haven.server.DataPath;
import org.haven.server.RunningServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Aggregates of one published version, exact for callers who may read its values and under disclosure control
 * (threshold 7, rounding to 5, the defaults) for everyone else.
 *
 * <p>The version's 56 patients, by sex and age band, worked by hand:
 *
 * <pre>
 *            0-17  18-64  65+ | total
 *     F         2     12    9 |   23
 *     M         8     15   10 |   33
 *     total    10     27   19 |   56
 * </pre>
 *
 * Primary suppression: F/0-17 (2 is at or below 7); no other cell or total is. Secondary suppression, rows first:
 * row F has one hidden cell, its smallest other one is F/65+ (9). Then columns: 0-17 has one (F/0-17), its only other
 * cell is M/0-17 (8); 65+ has one (F/65+), its only other cell is M/65+ (10). Every row and column then has two or
 * none. Shown, rounded to 5: F/18-64 10 (12), M/18-64 15 (15). One-way by sex nothing is hidden: F 25 (23), M 35 (33).
 * Adults (age 18 or more) by sex: F 20 (21), M 25 (25).
 *
 * <p>Every patient in a cell weighs the same, so means, minima and maxima are that weight.
 */
public class AggregateIT extends RunningServer {

    public static final String SCHEMA = """
            {"fields": [
              {"name": "nhs_number", "data_type": "NHS_NUMBER", "identifier_type": "DIRECT", "required": true},
              {"name": "sex", "data_type": "CODE", "identifier_type": "INDIRECT", "code_list": ["F", "M", "U"]},
              {"name": "age_band", "data_type": "CODE", "identifier_type": "INDIRECT", "code_list": ["0-17", "18-64", "65+"]},
              {"name": "age", "data_type": "INTEGER", "identifier_type": "INDIRECT"},
              {"name": "weight_kg", "data_type": "DECIMAL", "identifier_type": "NON_ID"},
              {"name": "clinic", "data_type": "STRING", "identifier_type": "NON_ID"},
              {"name": "registered", "data_type": "DATE", "identifier_type": "NON_ID"},
              {"name": "last_visit", "data_type": "DATETIME", "identifier_type": "NON_ID"}
            ]}""";

    /** Patients per cell: sex, age band, how many, their age and their weight. */
    static final List<Cell> CELLS = List.of(
            new Cell("F", "0-17", 2, 12, "41.00"),
            new Cell("F", "18-64", 12, 40, "64.50"),
            new Cell("F", "65+", 9, 80, "60.00"),
            new Cell("M", "0-17", 8, 15, "55.00"),
            new Cell("M", "18-64", 15, 35, "80.25"),
            new Cell("M", "65+", 10, 75, "77.00"));

    public record Cell(String sex, String ageBand, int patients, int age, String weight) {}

    private String admin;
    private DataPath path;
    private String ownerTenant;
    private String datasetId;
    private String researchTenant;
    private String aggregateProject;
    private Caller statistician;

    @BeforeEach
    void aPublishedVersionGrantedAsAggregates() {
        admin = adminToken();
        path = DataPath.create(this, admin, "patients", SCHEMA, DataPath.PUBLISH);
        ownerTenant = path.tenantId();
        datasetId = path.datasetId();
        researchTenant = DataPath.newTenant(this, admin, "research");
        path.publish("incoming/first.csv", patientsCsv(CELLS), 1);
        statistician = newUser("statistician");
        aggregateProject = projectWithDataUser("stats", statistician);
        created(grant(aggregateProject, "AGGREGATE", null));
    }

    @Test
    void anAggregateCallerGetsSuppressedRoundedCountsWithSecondarySuppression() {
        JsonNode result = ok(aggregate(statistician.token(), 1, """
                {"group_by": ["sex", "age_band"],
                 "measures": [{"op": "count"}, {"op": "count_distinct", "field": "nhs_number"},
                              {"op": "mean", "field": "weight_kg"}, {"op": "max", "field": "weight_kg"}]}"""));

        assertThat(result.path("result_type").asString()).isEqualTo("AGGREGATE");
        assertThat(names(result.path("measures"))).containsExactly("count", "count_distinct_nhs_number",
                "mean_weight_kg", "max_weight_kg");
        Map<String, JsonNode> rows = rowsByGroup(result);
        assertThat(rows.keySet()).containsExactly("F/0-17", "F/18-64", "F/65+", "M/0-17", "M/18-64", "M/65+");
        assertThat(counts(rows, "count")).containsExactly(null, 10L, null, null, 15L, null);
        assertThat(counts(rows, "count_distinct_nhs_number")).containsExactly(null, 10L, null, null, 15L, null);
        assertThat(rows.get("F/18-64").path("measures").path("mean_weight_kg").path("value").asDouble()).isEqualTo(64.5);
        assertThat(rows.get("M/18-64").path("measures").path("max_weight_kg").path("value").asDouble()).isEqualTo(80.25);
        for (String hidden : List.of("F/0-17", "F/65+", "M/0-17", "M/65+")) {
            JsonNode measures = rows.get(hidden).path("measures");
            for (String measure : List.of("count", "count_distinct_nhs_number", "mean_weight_kg", "max_weight_kg")) {
                assertThat(measures.path(measure).has("value")).as("%s %s is an explicit null", hidden, measure).isTrue();
                assertThat(measures.path(measure).path("value").isNull()).as(hidden + " " + measure).isTrue();
                assertThat(measures.path(measure).path("suppressed").asBoolean()).as(hidden + " " + measure).isTrue();
            }
        }
        assertThat(rows.get("F/18-64").path("measures").path("count").path("suppressed").asBoolean()).isFalse();

        JsonNode disclosure = result.path("disclosure_control");
        assertThat(disclosure.path("applied").asBoolean()).isTrue();
        assertThat(disclosure.path("threshold").asInt()).isEqualTo(7);
        assertThat(disclosure.path("rounding_base").asInt()).isEqualTo(5);
        assertThat(disclosure.path("cells_suppressed").asInt()).isEqualTo(16);
        Map<String, String> reasons = new LinkedHashMap<>();
        disclosure.path("notes").forEach(note -> reasons.put(note.path("group").path("sex").asString() + "/"
                + note.path("group").path("age_band").asString(), note.path("reason").asString()));
        assertThat(reasons).containsOnlyKeys("F/0-17", "F/65+", "M/0-17", "M/65+");
        assertThat(reasons.get("F/0-17")).contains("7 or fewer records");
        assertThat(reasons.get("M/65+")).contains("another hidden count");
        disclosure.path("notes").forEach(note -> assertThat(note.has("value")).as("a note never holds a count").isFalse());

        JsonNode bySex = ok(aggregate(statistician.token(), 1, "{\"group_by\": [\"sex\"]}"));
        assertThat(counts(rowsByGroup(bySex), "count")).containsExactly(25L, 35L);
        JsonNode adults = ok(aggregate(statistician.token(), 1, """
                {"group_by": ["sex"], "filters": [{"field": "age", "op": "ge", "value": 18}], "measures": [{"op": "count"}]}"""));
        assertThat(counts(rowsByGroup(adults), "count")).containsExactly(20L, 25L);
        JsonNode everyone = ok(aggregate(statistician.token(), 1, "{}"));
        assertThat(everyone.path("rows")).hasSize(1);
        assertThat(everyone.path("rows").get(0).path("measures").path("count").path("value").asLong()).isEqualTo(55);
        JsonNode children = ok(aggregate(statistician.token(), 1, """
                {"filters": [{"field": "age_band", "op": "eq", "value": "0-17"}, {"field": "sex", "op": "eq", "value": "F"}]}"""));
        assertThat(children.path("rows").get(0).path("measures").path("count").path("value").isNull()).isTrue();
    }

    @Test
    void threeGroupFieldsMakeATableOfCombinationsAndNoCountAtOrBelowTheThresholdIsShown() {
        JsonNode result = ok(aggregate(statistician.token(), 1, """
                {"group_by": ["sex", "age_band", "clinic"], "measures": [{"op": "count"}]}"""));
        // Rows for the six sex and age band combinations, columns for the two clinics: every cell is a row, even empty.
        assertThat(result.path("rows")).hasSize(12);
        result.path("rows").forEach(row -> {
            JsonNode count = row.path("measures").path("count");
            if (!count.path("suppressed").asBoolean()) {
                assertThat(count.path("value").asLong()).as(row.toString()).isGreaterThan(7);
                assertThat(count.path("value").asLong() % 5).as(row.toString()).isZero();
            } else {
                assertThat(count.path("value").isNull()).isTrue();
            }
        });
    }

    @Test
    void anIdentifiableCallerAndThePseudonymisedOneGetWhatTheirGrantAllows() {
        Caller clinician = newUser("clinician");
        created(grant(projectWithDataUser("care", clinician), "IDENTIFIABLE", null));
        Caller analyst = newUser("analyst");
        created(grant(projectWithDataUser("pseudo", analyst), "PSEUDONYMISED", null));
        String body = """
                {"group_by": ["sex", "age_band"], "measures": [{"op": "count"}, {"op": "sum", "field": "weight_kg"},
                 {"op": "min", "field": "age"}]}""";

        JsonNode exact = ok(aggregate(clinician.token(), 1, body));
        assertThat(exact.path("result_type").asString()).isEqualTo("IDENTIFIABLE");
        assertThat(counts(rowsByGroup(exact), "count")).containsExactly(2L, 12L, 9L, 8L, 15L, 10L);
        assertThat(rowsByGroup(exact).get("F/0-17").path("measures").path("sum_weight_kg").path("value").decimalValue())
                .isEqualByComparingTo("82.00");
        assertThat(rowsByGroup(exact).get("F/0-17").path("measures").path("min_age").path("value").asLong()).isEqualTo(12);
        assertThat(exact.path("disclosure_control").path("applied").asBoolean()).isFalse();
        assertThat(counts(rowsByGroup(ok(aggregate(admin, 1, body))), "count")).as("the owner's manager")
                .containsExactly(2L, 12L, 9L, 8L, 15L, 10L);
        JsonNode byNhsNumber = ok(aggregate(clinician.token(), 1, "{\"group_by\": [\"nhs_number\"]}"));
        assertThat(byNhsNumber.path("rows")).hasSize(56);

        JsonNode pseudonymised = ok(aggregate(analyst.token(), 1, body));
        assertThat(pseudonymised.path("result_type").asString()).isEqualTo("AGGREGATE");
        assertThat(counts(rowsByGroup(pseudonymised), "count")).containsExactly(null, 10L, null, null, 15L, null);
    }

    @Test
    void anAggregateCallerCannotSingleOutADirectIdentifier() {
        HttpResponse<String> grouped = aggregate(statistician.token(), 1, "{\"group_by\": [\"nhs_number\"]}");
        assertThat(grouped.statusCode()).isEqualTo(400);
        assertThat(errorFields(json(grouped))).containsExactly("group_by[0]");
        assertThat(json(grouped).path("errors").get(0).path("message").asString()).contains("nhs_number", "DIRECT");

        HttpResponse<String> filtered = aggregate(statistician.token(), 1, """
                {"filters": [{"field": "nhs_number", "op": "eq", "value": "%s"}],
                 "measures": [{"op": "max", "field": "weight_kg"}, {"op": "min", "field": "nhs_number"}]}"""
                .formatted(nhsNumber(0)));
        assertThat(errorFields(json(filtered))).containsExactly("filters[0].field", "measures[1].field");

        JsonNode distinct = ok(aggregate(statistician.token(), 1, """
                {"measures": [{"op": "count_distinct", "field": "nhs_number"}]}"""));
        assertThat(distinct.path("rows").get(0).path("measures").path("count_distinct_nhs_number").path("value").asLong())
                .isEqualTo(55);
    }

    @Test
    void badRequestsListEveryProblemAndNothingIsAuditedAsASuccess() {
        HttpResponse<String> bad = aggregate(statistician.token(), 1, """
                {"group_by": ["sex", "shoe_size"],
                 "filters": [{"field": "weight_kg", "op": "gt", "value": "heavy"}, {"field": "sex", "op": "like", "value": "F"},
                             {"field": "age", "op": "ge", "value": true}],
                 "measures": [{"op": "sum", "field": "clinic"}, {"op": "median", "field": "age"}],
                 "limit": 5}""");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(bad).path("code").asString()).isEqualTo("validation-failed");
        assertThat(errorFields(json(bad))).containsExactly("limit", "group_by[1]", "filters[0].value", "filters[1].op",
                "filters[2].value", "measures[0].field", "measures[1].op");

        HttpResponse<String> tooMany = aggregate(statistician.token(), 1, """
                {"group_by": ["sex", "age_band", "age", "clinic"]}""");
        assertThat(errorFields(json(tooMany))).containsExactly("group_by");
        assertThat(errorFields(json(aggregate(statistician.token(), 1, "[1, 2]")))).containsExactly("body");
        assertThat(errorFields(json(aggregate(statistician.token(), 1, """
                {"filters": [{"field": "age", "op": "in", "value": 18}, {"field": "clinic", "op": "lt", "value": "N"},
                             {"field": "age", "op": "is_null", "value": 3}],
                 "measures": [{"op": "count", "field": "age"}, {"op": "count"}, {"op": "count"}]}"""))))
                .containsExactly("filters[0].value", "filters[1].op", "filters[2].value", "measures[0].field",
                        "measures[2]");

        assertThat(auditEvents("SUCCEEDED")).isEmpty();
        JsonNode failed = auditEvents("FAILED");
        assertThat(failed).hasSize(4);
        assertThat(failed.get(0).path("event").path("details").path("result_type").asString()).isEqualTo("AGGREGATE");
        assertThat(failed.toString()).doesNotContain("heavy");
    }

    @Test
    void callersWithoutAGrantOfTheVersionAreRefused() {
        Caller outsider = newUser("outsider");
        assertThat(aggregate(outsider.token(), 1, "{}").statusCode()).isEqualTo(404);

        path.publish("incoming/second.csv", patientsCsv(CELLS.subList(0, 3)), 2);
        Caller versionOne = newUser("v1-only");
        created(grant(projectWithDataUser("v1-only", versionOne), "AGGREGATE", 1));
        assertThat(aggregate(versionOne.token(), 1, "{}").statusCode()).isEqualTo(200);
        HttpResponse<String> later = aggregate(versionOne.token(), 2, "{}");
        assertThat(later.statusCode()).as(later.body()).isEqualTo(403);
        assertThat(ok(aggregate(statistician.token(), 2, "{}")).path("rows").get(0).path("measures").path("count")
                .path("value").asLong()).as("a grant of every version covers the new one: 23 patients").isEqualTo(25);
        assertThat(aggregate(statistician.token(), 3, "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void sqlInAValueOrAFieldNameIsNeverSql() {
        Caller clinician = newUser("clinician");
        created(grant(projectWithDataUser("care", clinician), "IDENTIFIABLE", null));

        JsonNode noMatch = ok(aggregate(clinician.token(), 1, """
                {"filters": [{"field": "clinic", "op": "eq", "value": "North' OR '1'='1"}]}"""));
        assertThat(noMatch.path("rows").get(0).path("measures").path("count").path("value").asLong()).isZero();
        JsonNode inList = ok(aggregate(clinician.token(), 1, """
                {"filters": [{"field": "clinic", "op": "in", "value": ["x'); DROP TABLE t; --", "North"]}]}"""));
        assertThat(inList.path("rows").get(0).path("measures").path("count").path("value").asLong()).isEqualTo(28);
        assertThat(errorFields(json(aggregate(clinician.token(), 1, """
                {"filters": [{"field": "sex", "op": "eq", "value": "F' OR '1'='1"}]}""")))).containsExactly("filters[0].value");

        HttpResponse<String> field = aggregate(clinician.token(), 1, """
                {"group_by": ["sex\\" , (SELECT 1) --"], "measures": [{"op": "sum", "field": "age) FROM x; --"}]}""");
        assertThat(field.statusCode()).isEqualTo(400);
        assertThat(errorFields(json(field))).containsExactly("group_by[0]", "measures[0].field");
        HttpResponse<String> property = aggregate(clinician.token(), 1, "{\"group_by; DROP\": []}");
        assertThat(errorFields(json(property))).containsExactly("group_by; DROP");

        JsonNode unchanged = ok(aggregate(clinician.token(), 1, "{\"group_by\": [\"sex\"]}"));
        assertThat(counts(rowsByGroup(unchanged), "count")).containsExactly(23L, 33L);
        String audit = auditEvents("SUCCEEDED").toString();
        assertThat(audit).contains("clinic:eq", "clinic:in", "IDENTIFIABLE").doesNotContain("OR '1'", "DROP TABLE");
    }

    @Test
    void filterValuesAreTypedByTheirFieldsDataType() {
        Caller clinician = newUser("clinician");
        created(grant(projectWithDataUser("care", clinician), "IDENTIFIABLE", null));
        // 28 North patients were last seen at 08:30 UTC, before 10:00 at UTC+1; the 28 South ones a month later.
        assertThat(count(clinician, """
                {"field": "last_visit", "op": "lt", "value": "2024-05-01T10:00:00+01:00"}""")).isEqualTo(28);
        assertThat(count(clinician, """
                {"field": "last_visit", "op": "eq", "value": "2024-05-01T08:30:00Z"}""")).isEqualTo(28);
        assertThat(count(clinician, """
                {"field": "registered", "op": "ge", "value": "2021-01-01"}""")).isEqualTo(28);
        // M/18-64 (80.25) and M/65+ (77) weigh more than 64.5; F/18-64 weighs exactly that.
        assertThat(count(clinician, "{\"field\": \"weight_kg\", \"op\": \"gt\", \"value\": 64.5}")).isEqualTo(25);
        assertThat(count(clinician, "{\"field\": \"weight_kg\", \"op\": \"gt\", \"value\": \"64.50\"}")).isEqualTo(25);
        assertThat(count(clinician, "{\"field\": \"age\", \"op\": \"in\", \"value\": [12, \"15\"]}")).isEqualTo(10);
        assertThat(count(clinician, "{\"field\": \"clinic\", \"op\": \"ne\", \"value\": \"North\"}")).isEqualTo(28);
        assertThat(count(clinician, "{\"field\": \"weight_kg\", \"op\": \"is_null\"}")).isZero();
        HttpResponse<String> badDate = aggregate(clinician.token(), 1, """
                {"filters": [{"field": "registered", "op": "ge", "value": "2021-02-30"},
                             {"field": "last_visit", "op": "lt", "value": "2024-05-01 10:00"}]}""");
        assertThat(errorFields(json(badDate))).containsExactly("filters[0].value", "filters[1].value");
    }

    @Test
    void everyAggregateIsAuditedWithItsShapeAndNoValue() {
        ok(aggregate(statistician.token(), 1, """
                {"group_by": ["sex", "age_band"], "filters": [{"field": "clinic", "op": "eq", "value": "South"}],
                 "measures": [{"op": "count"}, {"op": "mean", "field": "weight_kg"}]}"""));
        JsonNode events = auditEvents("SUCCEEDED");
        assertThat(events).hasSize(1);
        JsonNode details = events.get(0).path("event").path("details");
        assertThat(details.path("version").asString()).isEqualTo("1");
        assertThat(details.path("result_type").asString()).isEqualTo("AGGREGATE");
        assertThat(details.path("group_by").asString()).isEqualTo("sex,age_band");
        assertThat(details.path("filters").asString()).isEqualTo("clinic:eq");
        assertThat(details.path("measures").asString()).isEqualTo("count,mean_weight_kg");
        assertThat(details.path("rows").asString()).isEqualTo("6");
        assertThat(Integer.parseInt(details.path("cells_suppressed").asString())).isPositive();
        assertThat(events.toString()).doesNotContain("South", "64.5", nhsNumber(0));
    }

    /**
     * The patients of the cells as CSV, each with an NHS number of their own; every other one (from the first) is of
     * the North clinic, registered 2020-01-01 and last seen 2024-05-01T09:30+01:00, the others of the South clinic,
     * registered 2021-06-30 and last seen 2024-06-01T12:00Z.
     */
    public static String patientsCsv(List<Cell> cells) {
        StringBuilder csv = new StringBuilder("nhs_number,sex,age_band,age,weight_kg,clinic,registered,last_visit\n");
        int patient = 0;
        for (Cell cell : cells) {
            for (int i = 0; i < cell.patients(); i++) {
                csv.append(nhsNumber(patient)).append(',').append(cell.sex()).append(',').append(cell.ageBand())
                        .append(',').append(cell.age()).append(',').append(cell.weight()).append(',')
                        .append(patient % 2 == 0 ? "North,2020-01-01,2024-05-01T09:30:00+01:00"
                                : "South,2021-06-30,2024-06-01T12:00:00Z").append('\n');
                patient++;
            }
        }
        return csv.toString();
    }

    /** The n-th valid NHS number from 943 476 0000 up: the nine digits with a modulus-11 check digit that exists. */
    static String nhsNumber(int n) {
        int found = -1;
        for (long candidate = 943_476_000L; ; candidate++) {
            String digits = Long.toString(candidate);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (digits.charAt(i) - '0') * (10 - i);
            }
            int check = (11 - sum % 11) % 11;
            if (check != 10 && ++found == n) {
                return digits + check;
            }
        }
    }

    @Test
    void theOwnerTenantMayTightenDisclosureControlForItsDataButNotLoosenIt() {
        String oldWomen = "{\"filters\": [{\"field\": \"sex\", \"op\": \"eq\", \"value\": \"F\"},"
                + " {\"field\": \"age_band\", \"op\": \"eq\", \"value\": \"65+\"}]}";
        JsonNode nine = ok(aggregate(statistician.token(), 1, oldWomen)).path("rows").get(0).path("measures").path("count");
        assertThat(nine.path("value").asLong()).as("9 records, rounded to 5").isEqualTo(10);

        String control = "/api/v1/tenants/" + ownerTenant + "/disclosure-control";
        HttpResponse<String> looser = send("PUT", control, admin, "{\"sdc_threshold\": 3, \"sdc_rounding_base\": 1}");
        assertThat(looser.statusCode()).isEqualTo(400);
        assertThat(errorFields(json(looser))).containsExactly("sdc_threshold", "sdc_rounding_base");
        assertThat(send("PUT", control, statistician.token(), "{\"sdc_threshold\": 10, \"sdc_rounding_base\": 5}").statusCode())
                .isEqualTo(404);

        JsonNode set = ok(send("PUT", control, admin, "{\"sdc_threshold\": 10, \"sdc_rounding_base\": 10}"));
        assertThat(set.path("sdc_threshold").asInt()).isEqualTo(10);
        assertThat(set.path("server_threshold").asInt()).isEqualTo(7);
        assertThat(ok(get(control, admin)).path("sdc_rounding_base").asInt()).isEqualTo(10);
        JsonNode hidden = ok(aggregate(statistician.token(), 1, oldWomen)).path("rows").get(0).path("measures").path("count");
        assertThat(hidden.path("suppressed").asBoolean()).as("9 is now at or below the tenant's threshold").isTrue();
        assertThat(ok(aggregate(statistician.token(), 1, "{}")).path("rows").get(0).path("measures").path("count")
                .path("value").asLong()).as("55 rounded to 10").isEqualTo(60);
    }

    /** The exact count of version 1's records that pass one filter. */
    private long count(Caller caller, String filter) {
        JsonNode result = ok(aggregate(caller.token(), 1, "{\"filters\": [" + filter + "]}"));
        return result.path("rows").get(0).path("measures").path("count").path("value").asLong();
    }

    private HttpResponse<String> aggregate(String token, int version, String body) {
        return send("POST", "/api/v1/datasets/" + datasetId + "/versions/" + version + "/aggregate", token, body);
    }

    private JsonNode auditEvents(String decision) {
        return json(get("/api/v1/audit?resource_type=dataset&resource_id=" + datasetId
                + "&action=dataset.version.aggregate&decision=" + decision, admin)).path("items");
    }

    /** Rows by their group values joined with '/', in the order returned. */
    private static Map<String, JsonNode> rowsByGroup(JsonNode result) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        result.path("rows").forEach(row -> {
            List<String> values = new ArrayList<>();
            row.path("group").forEach(value -> values.add(value.asString()));
            rows.put(String.join("/", values), row);
        });
        return rows;
    }

    /** One measure of every row, in order; null where it is null. */
    private static List<Long> counts(Map<String, JsonNode> rows, String measure) {
        List<Long> counts = new ArrayList<>();
        rows.values().forEach(row -> {
            JsonNode value = row.path("measures").path(measure).path("value");
            counts.add(value.isNull() ? null : value.asLong());
        });
        return counts;
    }

    private static List<String> names(JsonNode measures) {
        List<String> names = new ArrayList<>();
        measures.forEach(measure -> names.add(measure.path("name").asString()));
        return names;
    }

    private String projectWithDataUser(String name, Caller dataUser) {
        return DataPath.projectWithDataUser(this, admin, researchTenant, name, dataUser);
    }

    private HttpResponse<String> grant(String project, String resultType, Integer version) {
        return send("POST", "/api/v1/datasets/" + datasetId + "/grants", admin, "{\"project_id\":\"" + project
                + "\",\"result_type\":\"" + resultType + "\"" + (version == null ? "" : ",\"version\":" + version) + "}");
    }





}
