package org.haven.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.haven.server.RunningServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Datasets and schema versions through the API, as data set managers, members and other tenants meet them. */
class CatalogIT extends RunningServer {

    static final String PATIENTS = """
            {"fields": [
              {"name": "nhs_number", "data_type": "NHS_NUMBER", "identifier_type": "DIRECT", "required": true},
              {"name": "sex", "data_type": "CODE", "identifier_type": "INDIRECT", "code_list": ["F", "M", "U"]},
              {"name": "weight_kg", "data_type": "DECIMAL", "identifier_type": "NON_ID",
               "constraints": {"minimum": 0, "maximum": 500}}
            ]}""";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CatalogService catalog;

    private String tenantId;
    private Caller manager;
    private Caller member;

    @BeforeEach
    void aTenantWithADataSetManagerAndAMember() {
        tenantId = newTenant("cat");
        manager = newUser("dsm");
        member = newUser("member");
        grant(tenantId, manager, "data_set_manager");
        grant(tenantId, member, "member");
    }

    @Test
    void aDataSetManagerCreatesADatasetThatMembersCanSeeButNotChange() {
        HttpResponse<String> response = createDataset(manager, "patients", "[\"gp\", \"Demo\"]");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("errors").get(0).path("field").asString()).isEqualTo("tags[1]");

        JsonNode dataset = created(createDataset(manager, "patients", "[\"gp\", \"demo\", \"gp\"]"));
        String id = dataset.path("id").asString();
        assertThat(dataset.path("tenant_id").asString()).isEqualTo(tenantId);
        assertThat(dataset.path("latest_schema_version").asInt()).isEqualTo(1);
        assertThat(dataset.path("tags").toString()).isEqualTo("[\"demo\",\"gp\"]");
        assertThat(dataset.path("created_by").asString()).isEqualTo("user:" + manager.id());

        JsonNode seen = ok(get("/api/v1/datasets/" + id, member.token()));
        assertThat(seen.path("name").asString()).isEqualTo("patients");
        assertThat(createDataset(member, "mine", "[]").statusCode()).isEqualTo(403);
        assertThat(send("PATCH", "/api/v1/datasets/" + id, member.token(), "{\"description\":\"x\"}").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/datasets/" + id + "/schemas", member.token(), "{\"schema\":" + PATIENTS + "}")
                .statusCode()).isEqualTo(403);

        JsonNode updated = ok(send("PATCH", "/api/v1/datasets/" + id, manager.token(),
                "{\"description\":\"GP registrations\",\"tags\":[\"registrations\"]}"));
        assertThat(updated.path("description").asString()).isEqualTo("GP registrations");
        assertThat(updated.path("tags").toString()).isEqualTo("[\"registrations\"]");
        assertThat(updated.path("name").asString()).isEqualTo("patients");

        HttpResponse<String> duplicate = createDataset(manager, "patients", "[]");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(json(duplicate).path("code").asString()).isEqualTo("conflict");

        JsonNode audit = ok(get("/api/v1/audit?resource_type=dataset&resource_id=" + id, adminToken()));
        assertThat(audit.path("items").toString()).contains("dataset.create", "dataset.update");
    }

    @Test
    void anAppWithTheDataSetManagerRoleCreatesDatasetsAndAPlainMemberAppCannot() {
        String admin = adminToken();
        String appId = created(send("POST", "/api/v1/tenants/" + tenantId + "/apps", admin, "{\"name\":\"loader\"}")).path("id").asString();
        String key = created(send("POST", "/api/v1/tenants/" + tenantId + "/apps/" + appId + "/keys", admin, "{\"name\":\"k\"}"))
                .path("token").asString();
        ok(send("PUT", "/api/v1/tenants/" + tenantId + "/members/app/" + appId, admin, "{\"roles\":[\"member\"]}"));
        Caller app = new Caller("app", appId, key, null, null);
        assertThat(createDataset(app, "from-app", "[]").statusCode()).isEqualTo(403);

        ok(send("PUT", "/api/v1/tenants/" + tenantId + "/members/app/" + appId, admin, "{\"roles\":[\"data_set_manager\"]}"));
        JsonNode dataset = created(createDataset(app, "from-app", "[]"));
        assertThat(dataset.path("created_by").asString()).isEqualTo("app:" + appId);
    }

    @Test
    void namesAreCheckedAndNothingIsStoredForABadRequest() {
        for (String bad : List.of("Patients", "1patients", "", "has space", "a".repeat(64), "semi;colon")) {
            HttpResponse<String> response = createDataset(manager, bad, "[]");
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(response).path("errors").get(0).path("field").asString()).isEqualTo("name");
        }
        assertThat(createDataset(manager, "a".repeat(63), "[]").statusCode()).isEqualTo(201);
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            tooMany.add("\"t" + i + "\"");
        }
        assertThat(createDataset(manager, "tagged", "[" + String.join(",", tooMany) + "]").statusCode()).isEqualTo(400);
        assertThat(json(get("/api/v1/tenants/" + tenantId + "/datasets", manager.token())).path("items")).hasSize(1);
    }

    @Test
    void anInvalidSchemaIsRefusedWithEveryErrorAndNothingIsStored() {
        String schema = """
                {"fields": [
                  {"name": "id", "data_type": "INTEGER", "identifier_type": "NON_ID"},
                  {"name": "ID", "data_type": "STRING", "identifier_type": "NON_ID"},
                  {"name": "sex", "data_type": "CODE", "identifier_type": "INDIRECT"},
                  {"name": "dose", "data_type": "FLOAT", "identifier_type": "NON_ID"},
                  {"name": "age", "data_type": "INTEGER", "identifier_type": "INDIRECT", "constraints": {"minimum": 10, "maximum": 5}}
                ]}""";
        HttpResponse<String> response = send("POST", "/api/v1/tenants/" + tenantId + "/datasets", manager.token(),
                "{\"name\":\"broken\",\"schema\":" + schema + "}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("code").asString()).isEqualTo("invalid-schema");
        List<String> problems = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        problem.path("errors").forEach(error -> {
            problems.add(error.path("problem").asString());
            paths.add(error.path("path").asString());
        });
        assertThat(problems).containsExactly("DUPLICATE_FIELD", "MISSING_CODE_LIST", "UNKNOWN_DATA_TYPE", "INVALID_RANGE");
        assertThat(paths).containsExactly("$.fields[1].name", "$.fields[2].code_list", "$.fields[3].data_type",
                "$.fields[4].constraints");
        assertThat(json(get("/api/v1/tenants/" + tenantId + "/datasets?name_prefix=broken", manager.token())).path("items")).isEmpty();

        HttpResponse<String> missing = send("POST", "/api/v1/tenants/" + tenantId + "/datasets", manager.token(), "{\"name\":\"noschema\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("errors").get(0).path("field").asString()).isEqualTo("schema");
    }

    @Test
    void schemaVersionsGrowByAdditiveChangesAndBreakingOnesNeedTheFlag() {
        String id = created(createDataset(manager, "visits", "[]")).path("id").asString();
        String schemas = "/api/v1/datasets/" + id + "/schemas";

        String additive = PATIENTS.substring(0, PATIENTS.lastIndexOf("]}"))
                + ", {\"name\": \"ward\", \"data_type\": \"STRING\", \"identifier_type\": \"NON_ID\"}]}";
        JsonNode v2 = created(send("POST", schemas, manager.token(), "{\"schema\":" + additive + "}"));
        assertThat(v2.path("version").asInt()).isEqualTo(2);
        assertThat(v2.path("breaking").asBoolean()).isFalse();
        assertThat(v2.path("created").asBoolean()).isTrue();
        assertThat(v2.path("changes").get(0).path("kind").asString()).isEqualTo("OPTIONAL_FIELD_ADDED");

        HttpResponse<String> identical = send("POST", schemas, manager.token(), "{\"schema\":" + additive + "}");
        assertThat(identical.statusCode()).isEqualTo(200);
        assertThat(json(identical).path("version").asInt()).isEqualTo(2);
        assertThat(json(identical).path("created").asBoolean()).isFalse();

        String breaking = additive.replace("\"identifier_type\": \"NON_ID\",\n   \"constraints\"", "\"identifier_type\": \"INDIRECT\",\n   \"constraints\"")
                .replace("\"code_list\": [\"F\", \"M\", \"U\"]", "\"code_list\": [\"F\", \"M\"]");
        HttpResponse<String> refused = send("POST", schemas, manager.token(), "{\"schema\":" + breaking + "}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonNode problem = json(refused);
        assertThat(problem.path("code").asString()).isEqualTo("breaking-schema-change");
        assertThat(problem.path("latest_version").asInt()).isEqualTo(2);
        List<String> changes = new ArrayList<>();
        problem.path("changes").forEach(change -> changes.add(change.path("field_name").asString() + ":" + change.path("kind").asString()));
        assertThat(changes).containsExactlyInAnyOrder("sex:CODES_REMOVED", "weight_kg:IDENTIFIER_TYPE_RAISED");

        JsonNode dryRun = ok(send("POST", schemas + "/check", member.token(), "{\"schema\":" + breaking + "}"));
        assertThat(dryRun.path("breaking").asBoolean()).isTrue();
        assertThat(dryRun.path("identical").asBoolean()).isFalse();
        assertThat(dryRun.path("latest_version").asInt()).isEqualTo(2);
        assertThat(dryRun.path("changes")).hasSize(2);
        assertThat(json(get(schemas, member.token()))).hasSize(2);

        JsonNode v3 = created(send("POST", schemas, manager.token(), "{\"schema\":" + breaking + ",\"allow_breaking\":true}"));
        assertThat(v3.path("version").asInt()).isEqualTo(3);
        assertThat(v3.path("breaking").asBoolean()).isTrue();

        JsonNode listed = ok(get(schemas, member.token()));
        assertThat(listed).hasSize(3);
        assertThat(listed.get(0).path("created_by").asString()).isEqualTo("user:" + manager.id());
        assertThat(listed.get(0).path("created_at").asString()).isNotBlank();
        assertThat(listed.get(2).path("breaking").asBoolean()).isTrue();
        assertThat(ok(get("/api/v1/datasets/" + id, member.token())).path("latest_schema_version").asInt()).isEqualTo(3);

        JsonNode second = ok(get(schemas + "/2", member.token()));
        assertThat(second.path("schema").path("fields")).hasSize(4);
        assertThat(ok(get(schemas + "/latest", member.token())).path("version").asInt()).isEqualTo(3);
        JsonNode exported = ok(get(schemas + "/1/json-schema", member.token()));
        assertThat(exported.path("$schema").asString()).contains("2020-12");
        assertThat(exported.path("properties").path("nhs_number").path("x-haven-identifier-type").asString()).isEqualTo("DIRECT");
        assertThat(get(schemas + "/9", member.token()).statusCode()).isEqualTo(404);
        assertThat(get(schemas + "/0", member.token()).statusCode()).isEqualTo(404);
        assertThat(get(schemas + "/two", member.token()).statusCode()).isEqualTo(404);

        assertThat(catalog.latestSchema(UUID.fromString(id)).version()).isEqualTo(3);
        assertThat(catalog.schema(UUID.fromString(id), 1).schema().field("weight_kg").orElseThrow().identifierType().name())
                .isEqualTo("NON_ID");
        JsonNode audit = ok(get("/api/v1/audit?action=dataset.schema.add&resource_type=dataset&resource_id=" + id, adminToken()));
        assertThat(audit.path("items")).hasSize(2);
    }

    @Test
    void anInvalidNewVersionIsRefusedAndTheLatestStays() {
        String id = created(createDataset(manager, "refused", "[]")).path("id").asString();
        HttpResponse<String> response = send("POST", "/api/v1/datasets/" + id + "/schemas", manager.token(),
                "{\"schema\":{\"fields\":[{\"name\":\"a\",\"data_type\":\"STRING\",\"identifier_type\":\"NON_ID\"},"
                        + "{\"name\":\"A\",\"data_type\":\"STRING\",\"identifier_type\":\"NON_ID\"}]}}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("errors").get(0).path("problem").asString()).isEqualTo("DUPLICATE_FIELD");
        assertThat(json(get("/api/v1/datasets/" + id + "/schemas", manager.token()))).hasSize(1);
    }

    @Test
    void anotherTenantCannotSeeListOrChangeTheDataset() {
        String id = created(createDataset(manager, "private", "[\"demo\"]")).path("id").asString();
        String other = newTenant("other");
        Caller outsider = newUser("outsider");
        grant(other, outsider, "organisation_admin");

        assertThat(get("/api/v1/datasets/" + id, outsider.token()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/datasets/" + id + "/schemas", outsider.token()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/datasets/" + id + "/schemas/1/json-schema", outsider.token()).statusCode()).isEqualTo(404);
        assertThat(send("PATCH", "/api/v1/datasets/" + id, outsider.token(), "{\"description\":\"mine\"}").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/datasets/" + id + "/schemas", outsider.token(), "{\"schema\":" + PATIENTS + "}").statusCode())
                .isEqualTo(404);
        assertThat(createDataset(outsider, "intruder", "[]").statusCode()).isEqualTo(404);
        JsonNode listed = ok(get("/api/v1/tenants/" + tenantId + "/datasets", outsider.token()));
        assertThat(listed.path("items")).isEmpty();
        // Their own tenant's list does not show it either.
        assertThat(ok(get("/api/v1/tenants/" + other + "/datasets", outsider.token())).path("items")).isEmpty();
    }

    @Test
    void listsFilterByTagAndNamePrefixAndPage() {
        created(createDataset(manager, "gp-registrations", "[\"gp\"]"));
        created(createDataset(manager, "gp-prescriptions", "[\"gp\", \"medicines\"]"));
        created(createDataset(manager, "hospital-episodes", "[\"acute\"]"));
        String list = "/api/v1/tenants/" + tenantId + "/datasets";

        assertThat(names(ok(get(list, member.token())))).containsExactly("gp-prescriptions", "gp-registrations", "hospital-episodes");
        assertThat(names(ok(get(list + "?tag=gp", member.token())))).containsExactly("gp-prescriptions", "gp-registrations");
        assertThat(names(ok(get(list + "?tag=gp&tag=medicines", member.token())))).containsExactly("gp-prescriptions");
        assertThat(names(ok(get(list + "?name_prefix=hosp", member.token())))).containsExactly("hospital-episodes");
        assertThat(get(list + "?name_prefix=%25", member.token()).statusCode()).isEqualTo(400);

        JsonNode first = ok(get(list + "?limit=2", member.token()));
        assertThat(names(first)).containsExactly("gp-prescriptions", "gp-registrations");
        JsonNode second = ok(get(list + "?limit=2&cursor=" + first.path("next_cursor").asString(), member.token()));
        assertThat(names(second)).containsExactly("hospital-episodes");
        assertThat(second.path("next_cursor").isMissingNode() || second.path("next_cursor").isNull()).isTrue();
    }

    @Test
    void schemaVersionRowsCannotBeChangedOrRemovedEvenInTheDatabase() {
        String id = created(createDataset(manager, "immutable", "[]")).path("id").asString();
        UUID dataset = UUID.fromString(id);

        assertThatThrownBy(() -> jdbc.sql("UPDATE dataset_schema_versions SET breaking = true WHERE dataset_id = :id")
                .param("id", dataset).update()).isInstanceOf(DataAccessException.class).hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM dataset_schema_versions WHERE dataset_id = :id")
                .param("id", dataset).update()).isInstanceOf(DataAccessException.class).hasMessageContaining("immutable");
        assertThat(catalog.schema(dataset, 1).schema().fields()).hasSize(3);
    }

    private HttpResponse<String> createDataset(Caller caller, String name, String tags) {
        return send("POST", "/api/v1/tenants/" + tenantId + "/datasets", caller.token(),
                "{\"name\":\"" + name + "\",\"description\":\"test data\",\"tags\":" + tags + ",\"schema\":" + PATIENTS + "}");
    }

    private String newTenant(String prefix) {
        String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return created(send("POST", "/api/v1/tenants", adminToken(), "{\"slug\":\"" + slug + "\",\"name\":\"" + prefix + "\"}"))
                .path("id").asString();
    }

    private void grant(String tenant, Caller caller, String role) {
        ok(send("PUT", "/api/v1/tenants/" + tenant + "/members/user/" + caller.id(), adminToken(), "{\"roles\":[\"" + role + "\"]}"));
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items").forEach(item -> names.add(item.path("name").asString()));
        return names;
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }
}
