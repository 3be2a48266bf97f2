package org.haven.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.Responses.created;
import static org.haven.server.Responses.errorFields;
import static org.haven.server.Responses.ok;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.haven.server.DataPath;
import org.haven.server.RunningServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Grants of a published dataset to projects, and the view each result type gives of the same stored version: values,
 * tokens scoped to the project, or no records at all.
 */
class GrantsIT extends RunningServer {

    static final String SCHEMA = """
            {"fields": [
              {"name": "nhs_number", "data_type": "NHS_NUMBER", "identifier_type": "DIRECT", "required": true},
              {"name": "name", "data_type": "STRING", "identifier_type": "DIRECT"},
              {"name": "sex", "data_type": "CODE", "identifier_type": "INDIRECT", "code_list": ["F", "M", "U"]},
              {"name": "weight_kg", "data_type": "DECIMAL", "identifier_type": "NON_ID"}
            ]}""";

    static final String PATIENTS_CSV = """
            nhs_number,name,sex,weight_kg
            9434765919,Ada Lovelace,F,61.5
            9434765870,Alan Turing,M,82.25
            9434765862,Grace Hopper,F,70
            """;

    static final List<String> IDENTIFIERS = List.of("9434765919", "9434765870", "9434765862", "Ada Lovelace",
            "Alan Turing", "Grace Hopper");

    private String admin;
    private DataPath path;
    private String tenantId;
    private String datasetId;
    private String researchTenant;
    private Caller analyst;

    @BeforeEach
    void aPublishedDatasetAndAResearchTenant() {
        admin = adminToken();
        path = DataPath.create(this, admin, "patients", SCHEMA, DataPath.PUBLISH);
        tenantId = path.tenantId();
        datasetId = path.datasetId();
        researchTenant = DataPath.newTenant(this, admin, "research");
        path.publish("incoming/first.csv", PATIENTS_CSV, 1);
        analyst = newUser("analyst");
    }

    @Test
    void eachResultTypeGetsItsOwnViewOfTheSameVersion() {
        String pseudonymised = projectWithDataUser("pseudo", analyst);
        Caller identifiableUser = newUser("clinician");
        String identifiable = projectWithDataUser("direct-care", identifiableUser);
        Caller statistician = newUser("statistician");
        String aggregate = projectWithDataUser("stats", statistician);
        String download = "/api/v1/datasets/" + datasetId + "/versions/1/download";

        assertThat(get(download, analyst.token()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/datasets/" + datasetId, analyst.token()).statusCode()).isEqualTo(404);

        JsonNode grant = created(grant(pseudonymised, "PSEUDONYMISED", null));
        assertThat(grant.path("project_id").asString()).isEqualTo(pseudonymised);
        assertThat(grant.path("result_type").asString()).isEqualTo("PSEUDONYMISED");
        assertThat(grant.has("version")).as("a grant of every version has none").isFalse();
        created(grant(identifiable, "identifiable", null));
        created(grant(aggregate, "AGGREGATE", null));

        HttpResponse<String> tokens = get(download, analyst.token());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.headers().firstValue("Haven-Result-Type")).hasValue("PSEUDONYMISED");
        List<String> rows = tokens.body().lines().toList();
        assertThat(rows.get(0)).isEqualTo("nhs_number,name,sex,weight_kg");
        assertThat(rows).hasSize(4);
        for (String row : rows.subList(1, rows.size())) {
            String[] values = row.split(",");
            assertThat(values[0]).startsWith("tk_");
            assertThat(values[1]).startsWith("tk_");
        }
        assertThat(rows.get(1)).endsWith(",F,61.50");
        assertThat(tokens.body()).doesNotContain(IDENTIFIERS);
        for (String format : List.of("parquet", "ndjson")) {
            byte[] bytes = getBytes(download + "?format=" + format, analyst.token());
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(text).as(format).contains("tk_").doesNotContain(IDENTIFIERS);
        }
        assertThat(get(download, analyst.token()).body()).as("tokens are stable within a project").isEqualTo(tokens.body());

        HttpResponse<String> values = get(download, identifiableUser.token());
        assertThat(values.statusCode()).isEqualTo(200);
        assertThat(values.headers().firstValue("Haven-Result-Type")).hasValue("IDENTIFIABLE");
        assertThat(values.body()).contains("9434765919,Ada Lovelace,F,61.50");

        HttpResponse<String> refused = get(download, statistician.token());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(get("/api/v1/datasets/" + datasetId, statistician.token()).statusCode()).isEqualTo(200);

        // The owner's manager sees what a project sees by naming it; tokens are the project's.
        assertThat(get(download + "?project=" + pseudonymised, admin).body()).isEqualTo(tokens.body());
        assertThat(get(download + "?project=" + aggregate, admin).statusCode()).isEqualTo(403);

        // In a second project the same people get other tokens, and a read must say which project it is for.
        String second = projectWithDataUser("linkage", analyst);
        created(grant(second, "PSEUDONYMISED", null));
        HttpResponse<String> ambiguous = get(download, analyst.token());
        assertThat(ambiguous.statusCode()).isEqualTo(400);
        assertThat(json(ambiguous).path("detail").asString()).contains(pseudonymised, second);
        String otherTokens = get(download + "?project=" + second, analyst.token()).body();
        assertThat(otherTokens.lines().skip(1).map(row -> row.split(",")[0]).toList())
                .doesNotContainAnyElementsOf(tokens.body().lines().skip(1).map(row -> row.split(",")[0]).toList());

        JsonNode audit = json(get("/api/v1/audit?resource_type=dataset&resource_id=" + datasetId + "&action=dataset.version.download",
                admin)).path("items");
        List<String> resultTypes = new ArrayList<>();
        audit.forEach(event -> resultTypes.add(event.path("event").path("details").path("result_type").asString()));
        assertThat(resultTypes).contains("PSEUDONYMISED", "IDENTIFIABLE");
        assertThat(audit.toString()).contains("policy_hash", "sha256:").doesNotContain(IDENTIFIERS);
    }

    @Test
    void aGrantsPolicyShapesThePseudonymisedView() {
        String project = projectWithDataUser("policy", analyst);
        created(send("POST", grants(), admin, """
                {"project_id": "%s", "result_type": "PSEUDONYMISED",
                 "policy": {"fields": {"name": "drop", "weight_kg": {"treatment": "generalise", "to": "range", "width": 10}}}}"""
                .formatted(project)));

        List<String> rows = get("/api/v1/datasets/" + datasetId + "/versions/1/download", analyst.token()).body().lines().toList();
        assertThat(rows.get(0)).isEqualTo("nhs_number,sex,weight_kg");
        assertThat(rows.get(1)).startsWith("tk_").endsWith(",F,\"[60,70)\"");
        HttpResponse<String> dropped = get("/api/v1/datasets/" + datasetId + "/versions/1/download?columns=name", analyst.token());
        assertThat(dropped.statusCode()).isEqualTo(400);
    }

    @Test
    void aGrantOfOneVersionReadsThatVersionAndNoOther() {
        path.publish("incoming/second.csv", PATIENTS_CSV.replace("Ada", "Augusta Ada"), 2);
        String project = projectWithDataUser("v1-only", analyst);
        JsonNode grant = created(grant(project, "IDENTIFIABLE", 1));
        assertThat(grant.path("version").asInt()).isEqualTo(1);

        assertThat(get("/api/v1/datasets/" + datasetId + "/versions/1/download", analyst.token()).statusCode()).isEqualTo(200);
        HttpResponse<String> later = get("/api/v1/datasets/" + datasetId + "/versions/2/download", analyst.token());
        assertThat(later.statusCode()).as(later.body()).isEqualTo(403);
        assertThat(json(get("/api/v1/datasets/" + datasetId + "/versions", analyst.token()))).hasSize(2);
    }

    @Test
    void revokingAGrantTakesEffectOnTheNextRequestAndGrantingAgainReplacesIt() {
        String project = projectWithDataUser("revoked", analyst);
        String download = "/api/v1/datasets/" + datasetId + "/versions/1/download";
        String first = created(grant(project, "IDENTIFIABLE", null)).path("id").asString();
        assertThat(get(download, analyst.token()).headers().firstValue("Haven-Result-Type")).hasValue("IDENTIFIABLE");

        String replaced = created(grant(project, "PSEUDONYMISED", null)).path("id").asString();
        assertThat(replaced).isNotEqualTo(first);
        assertThat(json(get(grants(), admin))).hasSize(1);
        assertThat(get(download, analyst.token()).headers().firstValue("Haven-Result-Type")).hasValue("PSEUDONYMISED");
        assertThat(send("DELETE", grants() + "/" + first, admin, null).statusCode()).isEqualTo(404);

        assertThat(send("DELETE", grants() + "/" + replaced, admin, null).statusCode()).isEqualTo(204);
        assertThat(get(download, analyst.token()).statusCode()).isEqualTo(404);
        assertThat(json(get(grants(), admin))).isEmpty();
        String audit = json(get("/api/v1/audit?resource_type=dataset&resource_id=" + datasetId, admin)).path("items").toString();
        assertThat(audit).contains("dataset.grant.create", "dataset.grant.replace", "dataset.grant.revoke");
    }

    @Test
    void anExpiredGrantStopsCounting() throws InterruptedException {
        String project = projectWithDataUser("short", analyst);
        Instant expiry = Instant.now().plusSeconds(2);
        created(send("POST", grants(), admin, "{\"project_id\":\"" + project + "\",\"result_type\":\"IDENTIFIABLE\","
                + "\"expires_at\":\"" + expiry + "\"}"));
        assertThat(get("/api/v1/datasets/" + datasetId + "/versions/1/download", analyst.token()).statusCode()).isEqualTo(200);
        Thread.sleep(Duration.between(Instant.now(), expiry).plusMillis(300).toMillis());
        assertThat(get("/api/v1/datasets/" + datasetId + "/versions/1/download", analyst.token()).statusCode()).isEqualTo(404);
    }

    @Test
    void badGrantsAreRefusedWithEveryProblemAndChangeNothing() {
        String project = projectWithDataUser("checked", analyst);
        HttpResponse<String> response = send("POST", grants(), admin, """
                {"result_type": "EVERYTHING", "version": 9, "expires_at": "2020-01-01T00:00:00Z"}""");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(errorFields(json(response))).containsExactly("project_id", "result_type", "version", "expires_at");

        HttpResponse<String> badPolicy = send("POST", grants(), admin, """
                {"project_id": "%s", "result_type": "PSEUDONYMISED", "expires_at": "next week",
                 "policy": {"fields": {"shoe_size": "drop", "weight_kg": {"treatment": "generalise", "to": "district"}}}}"""
                .formatted(project));
        assertThat(errorFields(json(badPolicy))).containsExactly("expires_at", "policy.fields.shoe_size", "policy.fields.weight_kg");
        HttpResponse<String> unknownTreatment = send("POST", grants(), admin, """
                {"project_id": "%s", "result_type": "PSEUDONYMISED", "policy": {"fields": {"sex": "shred"}}}""".formatted(project));
        assertThat(errorFields(json(unknownTreatment))).containsExactly("policy.fields.sex");

        HttpResponse<String> policyOnAggregate = send("POST", grants(), admin, """
                {"project_id": "%s", "result_type": "AGGREGATE", "policy": {"fields": {"name": "drop"}}}""".formatted(project));
        assertThat(errorFields(json(policyOnAggregate))).containsExactly("policy");
        assertThat(errorFields(json(grant(UUID.randomUUID().toString(), "AGGREGATE", null)))).containsExactly("project_id");
        assertThat(errorFields(json(send("POST", grants(), admin, "{\"project_id\":\"not-a-uuid\",\"result_type\":\"AGGREGATE\"}"))))
                .containsExactly("project_id");

        assertThat(json(get(grants(), admin))).isEmpty();
        assertThat(get("/api/v1/datasets/" + datasetId + "/versions/1/download", analyst.token()).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyTheDatasetsManagersGrantItAndNobodyElseLearnsOfIt() {
        String project = projectWithDataUser("self-service", analyst);
        Caller member = newUser("member");
        ok(send("PUT", "/api/v1/tenants/" + tenantId + "/members/user/" + member.id(), admin, "{\"roles\":[\"member\"]}"));
        Caller manager = newUser("dsm");
        ok(send("PUT", "/api/v1/tenants/" + tenantId + "/members/user/" + manager.id(), admin,
                "{\"roles\":[\"data_set_manager\"]}"));

        assertThat(send("POST", grants(), analyst.token(), body(project, "IDENTIFIABLE")).statusCode()).isEqualTo(404);
        assertThat(send("POST", grants(), member.token(), body(project, "IDENTIFIABLE")).statusCode()).isEqualTo(403);
        assertThat(get(grants(), member.token()).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/datasets/" + datasetId + "/versions/1/download", member.token()).statusCode()).isEqualTo(403);

        String grantId = created(send("POST", grants(), manager.token(), body(project, "AGGREGATE"))).path("id").asString();
        assertThat(json(get(grants(), manager.token())).get(0).path("granted_by").asString()).isEqualTo("user:" + manager.id());
        // A data user of the project sees the dataset but cannot widen their own grant, list or revoke grants.
        assertThat(send("POST", grants(), analyst.token(), body(project, "IDENTIFIABLE")).statusCode()).isEqualTo(403);
        assertThat(get(grants(), analyst.token()).statusCode()).isEqualTo(403);
        assertThat(send("DELETE", grants() + "/" + grantId, analyst.token(), null).statusCode()).isEqualTo(403);
        assertThat(json(get(grants(), admin)).get(0).path("result_type").asString()).isEqualTo("AGGREGATE");
    }

    private String projectWithDataUser(String name, Caller dataUser) {
        return DataPath.projectWithDataUser(this, admin, researchTenant, name, dataUser);
    }

    private HttpResponse<String> grant(String project, String resultType, Integer version) {
        return send("POST", grants(), admin, "{\"project_id\":\"" + project + "\",\"result_type\":\"" + resultType + "\""
                + (version == null ? "" : ",\"version\":" + version) + "}");
    }

    private static String body(String project, String resultType) {
        return "{\"project_id\":\"" + project + "\",\"result_type\":\"" + resultType + "\"}";
    }

    private String grants() {
        return "/api/v1/datasets/" + datasetId + "/grants";
    }


    private byte[] getBytes(String path, String token) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }





}
