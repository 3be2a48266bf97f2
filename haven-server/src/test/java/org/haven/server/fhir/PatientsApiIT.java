package org.haven.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.Responses.created;
import static org.haven.server.Responses.errorFields;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.haven.server.DataPath;
import org.haven.server.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/patients/{id}} after an ingest: values for the tenant's managers, tokens for a project granted
 * pseudonymised records, 403 for aggregates only, 404 for everyone who cannot see the dataset, every read audited.
 */
class PatientsApiIT extends RunningServer {

    @Autowired
    JdbcClient jdbc;

    private FhirTestServer fhir;
    private String admin;
    private String tenantId;
    private String sourceId;
    private String datasetId;
    private String researchTenant;
    private FhirTestData.PatientValues patient;

    @BeforeEach
    void anIngestedPostalCode() {
        fhir = FhirTestServer.start(FhirTestData.generate(12, 7), 0);
        admin = adminToken();
        tenantId = DataPath.newTenant(this, admin, "reads");
        researchTenant = DataPath.newTenant(this, admin, "research");
        sourceId = created(send("POST", "/api/v1/tenants/" + tenantId + "/fhir-sources", admin, "{\"name\":\"fhir-"
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"base_url\":\"" + fhir.baseUrl()
                + "\",\"auth\":{\"type\":\"none\"},\"requests_per_second\":1000}")).path("id").asString();
        ingestAndWait("02108");
        datasetId = jdbc.sql("SELECT id FROM datasets WHERE tenant_id = :tenant AND name = 'patient'")
                .param("tenant", UUID.fromString(tenantId)).query(UUID.class).single().toString();
        patient = fhir.data.patientsIn("02108").get(0);
    }

    @AfterEach
    void stopServer() {
        fhir.close();
    }

    @Test
    void theTenantsManagerReadsThePatientsValuesAndAnUnchangedOneAnswers304() {
        HttpResponse<String> response = read(patient.id(), admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("result_type").asString()).isEqualTo("IDENTIFIABLE");
        assertThat(body.path("record").path("family_name").asString()).isEqualTo(patient.family());
        assertThat(body.path("record").path("given_names").asString()).isEqualTo(patient.given());
        assertThat(body.path("record").path("identifier_value").asString()).isEqualTo("MRN-" + patient.id());
        assertThat(body.path("record").path("birth_date").asString()).isEqualTo(patient.birthDate().toString());

        String etag = response.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> unchanged = readIfNoneMatch(patient.id(), admin, etag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(readIfNoneMatch(patient.id(), admin, "\"stale\"").statusCode()).isEqualTo(200);

        JsonNode events = json(get("/api/v1/audit?resource_type=dataset&resource_id=" + datasetId
                + "&action=patient.read", admin)).path("items");
        assertThat(events.size()).isGreaterThanOrEqualTo(3);
        assertThat(events.toString()).contains("IDENTIFIABLE").doesNotContain(patient.family(), "MRN-");
    }

    @Test
    void aPseudonymisedReaderGetsTheSameTokensTwiceAndAnotherEtag() {
        Caller analyst = newUser("analyst");
        grant(DataPath.projectWithDataUser(this, admin, researchTenant, "pseudo", analyst), "PSEUDONYMISED");

        HttpResponse<String> first = read(patient.id(), analyst.token());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode record = json(first).path("record");
        assertThat(json(first).path("result_type").asString()).isEqualTo("PSEUDONYMISED");
        assertThat(record.path("family_name").asString()).startsWith("tk_").isNotEqualTo(patient.family());
        assertThat(record.path("given_names").asString()).startsWith("tk_");
        assertThat(record.path("identifier_value").asString()).startsWith("tk_");
        assertThat(record.path("gender").asString()).isEqualTo(patient.gender());
        assertThat(first.body()).doesNotContain(patient.family(), "MRN-");

        HttpResponse<String> second = read(patient.id(), analyst.token());
        assertThat(json(second).path("record")).isEqualTo(record);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isNotEqualTo(read(patient.id(), admin).headers().firstValue("ETag").orElseThrow());
        assertThat(readIfNoneMatch(patient.id(), analyst.token(), etag).statusCode()).isEqualTo(304);
    }

    @Test
    void aggregatesOnlyAre403AndOutsidersUnknownIdsAndUnknownSourcesAre404() {
        Caller statistician = newUser("statistician");
        grant(DataPath.projectWithDataUser(this, admin, researchTenant, "stats", statistician), "AGGREGATE");
        assertThat(read(patient.id(), statistician.token()).statusCode()).isEqualTo(403);

        Caller outsider = newUser("outsider");
        HttpResponse<String> hidden = read(patient.id(), outsider.token());
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(read("no-such-patient", admin).statusCode()).isEqualTo(404);
        HttpResponse<String> unknownSource = get("/api/v1/patients/" + patient.id() + "?source=" + UUID.randomUUID(), admin);
        assertThat(unknownSource.statusCode()).isEqualTo(404);
        assertThat(json(unknownSource).path("detail").asString()).isEqualTo(json(hidden).path("detail").asString());
    }

    @Test
    void badParametersAreRefusedWithEveryProblem() {
        HttpResponse<String> bad = get("/api/v1/patients/bad%20id!?source=not-a-uuid&project=x", admin);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(errorFields(json(bad))).containsExactly("id", "source", "project");
        HttpResponse<String> missing = get("/api/v1/patients/" + patient.id(), admin);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(errorFields(json(missing))).containsExactly("source");
    }

    private HttpResponse<String> read(String id, String token) {
        return get("/api/v1/patients/" + id + "?source=" + sourceId, token);
    }

    private HttpResponse<String> readIfNoneMatch(String id, String token, String etag) {
        return sendWithHeader("GET", "/api/v1/patients/" + id + "?source=" + sourceId, token, null, "If-None-Match", etag);
    }

    private void grant(String project, String resultType) {
        created(send("POST", "/api/v1/datasets/" + datasetId + "/grants", admin, "{\"project_id\":\"" + project
                + "\",\"result_type\":\"" + resultType + "\"}"));
    }

    private void ingestAndWait(String postalCode) {
        HttpResponse<String> response = send("POST", "/api/v1/fhir-sources/" + sourceId + "/ingest", admin,
                "{\"postal_code\":\"" + postalCode + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String runId = json(response).path("run_id").asString();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonNode details = json(get("/api/v1/tenants/" + tenantId + "/runs/" + runId, admin));
            String status = details.path("run").path("status").asString();
            if (status.equals("SUCCEEDED")) {
                return;
            }
            assertThat(status).as(details.toString()).isNotIn("FAILED", "CANCELLED");
            assertThat(System.nanoTime()).as("run %s still %s", runId, status).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
