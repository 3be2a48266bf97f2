package org.haven.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.haven.server.RunningServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Pseudonyms a deidentify step wrote, turned back into values by the owner's organisation admin, with a reason. */
class ReidentifyIT extends RunningServer {

    static final String SCHEMA = """
            {"fields": [
              {"name": "nhs_number", "data_type": "NHS_NUMBER", "identifier_type": "DIRECT", "required": true},
              {"name": "email", "data_type": "EMAIL", "identifier_type": "DIRECT"},
              {"name": "sex", "data_type": "CODE", "identifier_type": "INDIRECT", "code_list": ["F", "M"]}
            ]}""";

    static final String CSV = """
            nhs_number,email,sex
            9990000018,ann@example.org,F
            9990000085,bob@example.org,M
            """;

    static final String REASON = "Safeguarding referral 2026/117 needs the patient identified";

    private String admin;
    private String tenantId;
    private String pseudonymised;

    @BeforeEach
    void aVersionWithPseudonymisedNhsNumbers() {
        admin = adminToken();
        tenantId = json(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"reid-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"name\":\"Reid\"}")).path("id").asString();
        String dataset = json(send("POST", "/api/v1/tenants/" + tenantId + "/datasets", admin,
                "{\"name\":\"referrals\",\"schema\":" + SCHEMA + "}")).path("id").asString();
        String source = json(send("POST", "/api/v1/tenants/" + tenantId + "/sources", admin, "{\"name\":\"uploads\"}"))
                .path("id").asString();
        assertThat(send("POST", "/api/v1/tenants/" + tenantId + "/pipelines", admin, "{\"definition\":" + JSON.writeValueAsString("""
                name: ingest
                triggers:
                  - upload: {source: uploads, glob: "**"}
                steps:
                  - {id: land, type: land}
                  - {id: validate, type: validate, needs: [land], params: {dataset: %s}}
                  - id: deidentify
                    type: deidentify
                    needs: [validate]
                    params: {output_dataset: referrals_pseudonymised, policy: {fields: {nhs_number: pseudonymise}}}
                  - {id: publish, type: publish, needs: [deidentify]}
                """.formatted(dataset)) + "}").statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/sources/" + source + "/files?path=referrals.csv", admin, CSV).statusCode()).isEqualTo(201);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode items = json(get("/api/v1/tenants/" + tenantId + "/datasets?name_prefix=referrals_p", admin)).path("items");
            if (!items.isEmpty() && !json(get("/api/v1/datasets/" + items.get(0).path("id").asString() + "/versions", admin)).isEmpty()) {
                pseudonymised = items.get(0).path("id").asString();
                break;
            }
            assertThat(System.nanoTime()).as("no pseudonymised version published").isLessThan(deadline);
            pause();
        }
    }

    @Test
    void theOwnersAdminRevealsPseudonymsWithAReasonAndTheAuditKeepsTheReasonNotTheValues() {
        List<String> rows = get("/api/v1/datasets/" + pseudonymised + "/versions/1/download", admin).body().lines().toList();
        assertThat(rows.get(0)).isEqualTo("nhs_number,email,sex");
        String first = rows.get(1).split(",")[0];
        String email = rows.get(1).split(",")[1];
        assertThat(first).startsWith("ps_");
        assertThat(email).startsWith("tk_");

        JsonNode revealed = ok(send("POST", reidentify(), admin, body("nhs_number", List.of(first, "ps_AAAA"), REASON)));
        assertThat(revealed.path("values").get(0).path("pseudonym").asString()).isEqualTo(first);
        assertThat(revealed.path("values").get(0).path("value").asString()).isEqualTo("9990000018");
        assertThat(revealed.path("values").get(1).has("value")).as("not a pseudonym of this field").isFalse();

        HttpResponse<String> token = send("POST", reidentify(), admin, body("email", List.of(email), REASON));
        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(json(token).path("detail").asString()).contains("cannot be reversed");

        String audit = json(get("/api/v1/audit?action=dataset.reidentify&resource_type=dataset&resource_id=" + pseudonymised, admin)).path("items").toString();
        assertThat(audit).contains(REASON, "\"asked\":\"2\"", "\"revealed\":\"1\"").doesNotContain("9990000018", first);
    }

    @Test
    void onlyTheOwnersAdminsMayAndOnlyWithAReason() {
        HttpResponse<String> noReason = send("POST", reidentify(), admin, body("nhs_number", List.of(), "because"));
        assertThat(noReason.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        json(noReason).path("errors").forEach(error -> fields.add(error.path("field").asString()));
        assertThat(fields).containsExactly("values", "reason");

        Caller manager = newUser("reid-dsm");
        send("PUT", "/api/v1/tenants/" + tenantId + "/members/user/" + manager.id(), admin, "{\"roles\":[\"data_set_manager\"]}");
        assertThat(send("POST", reidentify(), manager.token(), body("nhs_number", List.of("ps_x"), REASON)).statusCode())
                .isEqualTo(403);
        Caller outsider = newUser("reid-outsider");
        assertThat(send("POST", reidentify(), outsider.token(), body("nhs_number", List.of("ps_x"), REASON)).statusCode())
                .isEqualTo(404);
    }

    private String reidentify() {
        return "/api/v1/datasets/" + pseudonymised + "/versions/1/reidentify";
    }

    private static String body(String field, List<String> values, String reason) {
        return "{\"field\":\"" + field + "\",\"values\":" + JSON.writeValueAsString(values) + ",\"reason\":\"" + reason + "\"}";
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
