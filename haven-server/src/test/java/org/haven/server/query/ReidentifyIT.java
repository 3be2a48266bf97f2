package org.haven.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.Responses.created;
import static org.haven.server.Responses.errorFields;
import static org.haven.server.Responses.ok;

import java.net.http.HttpResponse;
import java.util.List;
import org.haven.server.DataPath;
import org.haven.server.RunningServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Pseudonyms a deidentify step wrote, turned back into values by the owner's reidentifier, with a reason. */
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
    private String reidentifier;
    private String tenantId;
    private String pseudonymised;
    private String raw;

    @BeforeEach
    void aVersionWithPseudonymisedNhsNumbers() {
        admin = adminToken();
        DataPath path = DataPath.create(this, admin, "referrals", SCHEMA, """
                  - id: deidentify
                    type: deidentify
                    needs: [validate]
                    params: {output_dataset: referrals_pseudonymised, policy: {fields: {nhs_number: pseudonymise}}}
                  - {id: publish, type: publish, needs: [deidentify]}
                  - {id: publish_raw, type: publish, needs: [validate], params: {stage: validate}}
                """);
        tenantId = path.tenantId();
        raw = path.datasetId();
        path.upload("referrals.csv", CSV);
        pseudonymised = path.awaitDataset("referrals_pseudonymised");
        path.awaitVersions(pseudonymised, 1);
        path.awaitVersions(raw, 1);
        Caller officer = newUser("reid-officer");
        ok(send("PUT", "/api/v1/tenants/" + tenantId + "/members/user/" + officer.id(), admin,
                "{\"roles\":[\"reidentifier\"]}"));
        reidentifier = officer.token();
    }

    @Test
    void theOwnersReidentifierRevealsPseudonymsWithAReasonAndTheAuditKeepsTheReasonNotTheValues() {
        List<String> rows = get("/api/v1/datasets/" + pseudonymised + "/versions/1/download", admin).body().lines().toList();
        assertThat(rows.get(0)).isEqualTo("nhs_number,email,sex");
        String first = rows.get(1).split(",")[0];
        String email = rows.get(1).split(",")[1];
        assertThat(first).startsWith("ps_");
        assertThat(email).startsWith("tk_");

        JsonNode revealed = ok(send("POST", reidentify(), reidentifier, body("nhs_number", List.of(first, "ps_AAAA"), REASON)));
        assertThat(revealed.path("values").get(0).path("pseudonym").asString()).isEqualTo(first);
        assertThat(revealed.path("values").get(0).path("value").asString()).isEqualTo("9990000018");
        assertThat(revealed.path("values").get(1).has("value")).as("not a pseudonym of this field").isFalse();

        HttpResponse<String> token = send("POST", reidentify(), reidentifier, body("email", List.of(email), REASON));
        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(json(token).path("detail").asString()).contains("cannot be reversed");

        String audit = json(get("/api/v1/audit?action=dataset.reidentify&resource_type=dataset&resource_id=" + pseudonymised, admin)).path("items").toString();
        assertThat(audit).contains(REASON, "\"asked\":\"2\"", "\"revealed\":\"1\"").doesNotContain("9990000018", first);
    }

    @Test
    void pseudonymsAProjectReadThroughItsGrantAreReversedInThatProjectsScope() {
        Caller analyst = newUser("reid-analyst");
        String project = DataPath.projectWithDataUser(this, admin, tenantId, "safeguarding", analyst);
        created(send("POST", "/api/v1/datasets/" + raw + "/grants", admin, """
                {"project_id": "%s", "result_type": "PSEUDONYMISED", "policy": {"fields": {"nhs_number": "pseudonymise"}}}"""
                .formatted(project)));
        String pseudonym = get("/api/v1/datasets/" + raw + "/versions/1/download", analyst.token()).body().lines().skip(1)
                .findFirst().orElseThrow().split(",")[0];
        assertThat(pseudonym).startsWith("ps_");

        String path = "/api/v1/datasets/" + raw + "/versions/1/reidentify";
        JsonNode revealed = ok(send("POST", path, reidentifier, "{\"field\":\"nhs_number\",\"values\":[\"" + pseudonym
                + "\"],\"reason\":\"" + REASON + "\",\"project_id\":\"" + project + "\"}"));
        assertThat(revealed.path("values").get(0).path("value").asString()).isEqualTo("9990000018");
        HttpResponse<String> withoutProject = send("POST", path, reidentifier, body("nhs_number", List.of(pseudonym), REASON));
        assertThat(withoutProject.statusCode()).isEqualTo(400);
        assertThat(json(withoutProject).path("detail").asString()).contains("name the project");
        assertThat(send("POST", path, analyst.token(), "{\"field\":\"nhs_number\",\"values\":[\"" + pseudonym
                + "\"],\"reason\":\"" + REASON + "\",\"project_id\":\"" + project + "\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void onlyTheOwnersReidentifiersMayAndOnlyWithAReason() {
        HttpResponse<String> noReason = send("POST", reidentify(), reidentifier, body("nhs_number", List.of(), "because"));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(errorFields(json(noReason))).containsExactly("values", "reason");

        Caller manager = newUser("reid-dsm");
        send("PUT", "/api/v1/tenants/" + tenantId + "/members/user/" + manager.id(), admin, "{\"roles\":[\"data_set_manager\"]}");
        assertThat(send("POST", reidentify(), manager.token(), body("nhs_number", List.of("ps_x"), REASON)).statusCode())
                .isEqualTo(403);
        // An organisation or platform admin holds the role only by granting it, which the audit log records.
        assertThat(send("POST", reidentify(), admin, body("nhs_number", List.of("ps_x"), REASON)).statusCode())
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


}
