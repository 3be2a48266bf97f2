package org.haven.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.Responses.errorFields;
import static org.haven.server.Responses.ok;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.haven.server.DataPath;
import org.haven.server.RunningServer;
import org.haven.server.cli.CliAgainstServerIT;
import org.haven.server.cli.CliAgainstServerIT.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** k-anonymity assessments of a published version, against a table small enough to work out by hand. */
class PrivacyAssessmentIT extends RunningServer {

    static final String SCHEMA = """
            {"fields": [
              {"name": "nhs_number", "data_type": "NHS_NUMBER", "identifier_type": "DIRECT", "required": true},
              {"name": "postcode", "data_type": "POSTCODE", "identifier_type": "INDIRECT"},
              {"name": "sex", "data_type": "CODE", "identifier_type": "INDIRECT", "code_list": ["F", "M"]},
              {"name": "weight_kg", "data_type": "DECIMAL", "identifier_type": "NON_ID"}
            ]}""";

    /**
     * Over (postcode, sex) the ten records fall into eight classes, so k is 1. Postcode districts alone still leave
     * (M1, M) with one record; districts with sex suppressed give SW1A (6) and M1 (4), the least generalisation
     * that reaches k = 3 without withholding anyone. Allowing one record in ten to be withheld, districts with sex
     * kept reach k = 3 by withholding the one (M1, M) record.
     */
    static final String CSV = """
            nhs_number,postcode,sex,weight_kg
            9990000018,SW1A 1AA,F,60
            9990000085,SW1A 2AA,F,61
            9990000158,SW1A 1AA,F,62
            9990000220,SW1A 3BB,M,70
            9990000298,SW1A 1AA,M,71
            9990000360,SW1A 2AA,M,72
            9990000433,M1 1AE,F,55
            9990000506,M1 2AB,F,56
            9990000573,M1 1AE,F,57
            9990000646,M1 3CD,M,90
            """;

    private String admin;
    private String tenantId;
    private String datasetId;

    @BeforeEach
    void aPublishedVersion() {
        admin = adminToken();
        DataPath path = DataPath.create(this, admin, "registrations", SCHEMA, DataPath.PUBLISH);
        tenantId = path.tenantId();
        datasetId = path.datasetId();
        path.publish("registrations.csv", CSV, 1);
    }

    @Test
    void theRiskAndTheLeastGeneralisationReachingKAreReported() {
        JsonNode strict = assess("{\"k\": 3, \"max_suppression\": 0, \"quasi_identifiers\": [\"postcode\", \"sex\"]}");
        assertThat(strict.path("quasi_identifiers").toString()).isEqualTo("[\"postcode\",\"sex\"]");
        JsonNode report = strict.path("report");
        assertThat(report.path("before").path("records").asLong()).isEqualTo(10);
        assertThat(report.path("before").path("classes").asLong()).isEqualTo(8);
        assertThat(report.path("before").path("k").asLong()).isEqualTo(1);
        assertThat(report.path("before").path("highest_risk").asDouble()).isEqualTo(1.0);
        assertThat(report.path("before").path("average_risk").asDouble()).isEqualTo(0.8);
        assertThat(report.path("achieved").asBoolean()).isTrue();
        assertThat(report.path("levels").path("postcode").asInt()).isEqualTo(1);
        assertThat(report.path("levels").path("sex").asInt()).isEqualTo(1);
        assertThat(report.path("k_reached").asLong()).isEqualTo(4);
        assertThat(report.path("suppressed").asLong()).isZero();
        assertThat(report.path("after").path("classes").asLong()).isEqualTo(2);

        JsonNode withSuppression = assess("{\"k\": 3, \"max_suppression\": 0.1, \"quasi_identifiers\": [\"postcode\", \"sex\"]}")
                .path("report");
        assertThat(withSuppression.path("levels").path("postcode").asInt()).isEqualTo(1);
        assertThat(withSuppression.path("levels").path("sex").asInt()).isZero();
        assertThat(withSuppression.path("suppressed").asLong()).isEqualTo(1);
        assertThat(withSuppression.path("k_reached").asLong()).isEqualTo(3);

        JsonNode defaults = assess("{}");
        assertThat(defaults.path("quasi_identifiers").toString()).as("the INDIRECT fields").isEqualTo("[\"postcode\",\"sex\"]");
        assertThat(defaults.path("report").path("target_k").asInt()).isEqualTo(5);

        String audit = json(get("/api/v1/audit?resource_type=dataset&resource_id=" + datasetId
                + "&action=dataset.version.privacy_assessment", admin)).path("items").toString();
        assertThat(audit).contains("\"k_before\":\"1\"").doesNotContain("SW1A", "9990000018");
    }

    @Test
    void badRequestsAndCallersWithoutIdentifiableAccessAreRefused() {
        HttpResponse<String> bad = send("POST", assessment(), admin,
                "{\"k\": 1, \"max_suppression\": 2, \"quasi_identifiers\": [\"postcode\", \"shoe_size\"]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(errorFields(json(bad))).containsExactly("k", "max_suppression", "quasi_identifiers[1]");

        Caller member = newUser("risk-member");
        send("PUT", "/api/v1/tenants/" + tenantId + "/members/user/" + member.id(), admin, "{\"roles\":[\"member\"]}");
        assertThat(send("POST", assessment(), member.token(), "{}").statusCode()).isEqualTo(403);
        Caller outsider = newUser("risk-outsider");
        assertThat(send("POST", assessment(), outsider.token(), "{}").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/datasets/" + datasetId + "/versions/7/privacy-assessment", admin, "{}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void havenPrivacyAssessPrintsTheReport(@TempDir Path directory) {
        Path config = directory.resolve("admin.json");
        assertThat(CliAgainstServerIT.havenWithInput(ADMIN_PASSWORD + "\n", "login", "--server", uri("").toString(),
                "--user", ADMIN, "--password-stdin", "--config", config.toString()).exitCode()).isZero();
        Run assessed = CliAgainstServerIT.haven(config, "privacy", "assess", datasetId, "1", "--k", "3",
                "--max-suppression", "0", "--qi", "postcode", "--qi", "sex");
        assertThat(assessed.exitCode()).as(assessed.err()).isZero();
        assertThat(assessed.out()).contains("quasi-identifiers: postcode, sex",
                "as published:  10 records in 8 classes, k = 1, highest risk 1.00, average risk 0.80",
                "target k = 3, at most 0% withheld: reached", "generalise:    postcode to level 1, sex to level 1",
                "then:          10 records in 2 classes, k = 4");
        Run refused = CliAgainstServerIT.haven(config, "privacy", "assess", datasetId, "1", "--k", "1");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("k: must be from 2 to 1000");
    }

    private JsonNode assess(String body) {
        return ok(send("POST", assessment(), admin, body));
    }

    private String assessment() {
        return "/api/v1/datasets/" + datasetId + "/versions/1/privacy-assessment";
    }

}
