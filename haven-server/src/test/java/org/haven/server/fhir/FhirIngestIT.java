package org.haven.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.Responses.created;
import static org.haven.server.Responses.errorFields;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.haven.server.DataPath;
import org.haven.server.RunningServer;
import org.haven.testing.fhir.FaultFilter;
import org.haven.testing.fhir.FhirTestData;
import org.haven.testing.fhir.FhirTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A FHIR server's patients of one postal code, brought into a tenant's {@code patient} and {@code observation}
 * datasets through the API: the source with its sealed secret, the ingest run, its idempotency, a re-ingest after a
 * change, a server that cannot be reached, and who may see what.
 */
class FhirIngestIT extends RunningServer {

    private static final String SECRET = "s3cret-" + UUID.randomUUID();

    private FhirTestServer fhir;
    private String admin;
    private String tenantId;

    @BeforeEach
    void aTenantAndAFhirServer() {
        fhir = FhirTestServer.start(FhirTestData.generate(30, 7), 0);
        admin = adminToken();
        tenantId = DataPath.newTenant(this, admin, "fhir");
    }

    @AfterEach
    void stopServer() {
        fhir.close();
    }

    @Test
    void anIngestPublishesExactlyThePatientsAndObservationsOfThePostalCode() {
        String sourceId = createSource(fhir.baseUrl().toString(), "{\"type\":\"basic\",\"username\":\"haven\",\"password\":\"" + SECRET + "\"}");

        String runId = ingest(sourceId, "02139", 202);
        JsonNode finished = awaitFinished(runId);
        assertThat(finished.path("run").path("status").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");

        assertThat(column(datasetId("patient"), 1, "patient_id"))
                .isEqualTo(fhir.data().patientsIn("02139").stream().map(FhirTestData.PatientValues::id).collect(Collectors.toSet()));
        assertThat(column(datasetId("observation"), 1, "observation_id"))
                .isEqualTo(fhir.data().observationsIn("02139").stream().map(FhirTestData.ObservationValues::id)
                        .collect(Collectors.toSet()));
        String logs = get("/api/v1/tenants/" + tenantId + "/runs/" + runId + "/logs", admin).body();
        assertThat(logs).contains("fetched", "patients", "observations", "retries");

        // The server changes a patient: a second ingest publishes a new version with the change.
        FhirTestData.PatientValues first = fhir.data().patientsIn("02139").get(0);
        fhir.data().put(first.withFamily("Renamed"));
        String again = ingest(sourceId, "02139", 202);
        assertThat(again).isNotEqualTo(runId);
        assertThat(awaitFinished(again).path("run").path("status").asString()).isEqualTo("SUCCEEDED");
        String version2 = get("/api/v1/datasets/" + datasetId("patient") + "/versions/2/download?format=ndjson", admin).body();
        assertThat(version2).contains("\"family_name\":\"Renamed\"");
        assertThat(get("/api/v1/datasets/" + datasetId("patient") + "/versions/1/download?format=ndjson", admin).body())
                .doesNotContain("Renamed");
    }

    @Test
    void aResourceThatCannotBeFlattenedIsQuarantinedAndTheRestPublished() {
        FhirTestData.PatientValues broken = fhir.data().patientsIn("02139").get(0);
        // An impossible birth date: HAPI refuses it, so the patient cannot become a record.
        fhir.faults().rewrite("\"birthDate\":\"" + broken.birthDate() + "\"", "\"birthDate\":\"1990-02-30\"");
        String sourceId = createSource(fhir.baseUrl().toString(), "{\"type\":\"none\"}");

        String runId = ingest(sourceId, "02139", 202);
        JsonNode finished = awaitFinished(runId);
        assertThat(finished.path("run").path("status").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");
        Set<String> published = column(datasetId("patient"), 1, "patient_id");
        Set<String> sameBirthDate = fhir.data().patientsIn("02139").stream()
                .filter(p -> p.birthDate().equals(broken.birthDate())).map(FhirTestData.PatientValues::id)
                .collect(Collectors.toSet());
        assertThat(published).doesNotContainAnyElementsOf(sameBirthDate).hasSize(
                fhir.data().patientsIn("02139").size() - sameBirthDate.size());
        String logs = get("/api/v1/tenants/" + tenantId + "/runs/" + runId + "/logs", admin).body();
        assertThat(logs).contains(sameBirthDate.size() + " rejected").doesNotContain(broken.family());
    }

    @Test
    void aSecondRequestWhileTheRunIsGoingReturnsTheSameRun() {
        String sourceId = createSource(fhir.baseUrl().toString(), "{\"type\":\"none\"}");
        // Slow answers keep the first run going while the second request comes in.
        fhir.faults().script("/fhir/", slow(20));
        String first = ingest(sourceId, "02140", 202);
        String second = ingest(sourceId, "02140", 202);
        assertThat(second).isEqualTo(first);
        assertThat(awaitFinished(first).path("run").path("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void anUnreachableServerFailsTheRunClearlyAndTheRunCanBeRetried() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String sourceId = createSource("http://127.0.0.1:" + port + "/fhir", "{\"type\":\"none\"}", ",\"max_attempts\":1");
        String runId = ingest(sourceId, "02139", 202);
        JsonNode failed = awaitFinished(runId);
        assertThat(failed.path("run").path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.toString()).contains("UNREACHABLE");

        try (FhirTestServer revived = FhirTestServer.start(fhir.data(), port)) {
            HttpResponse<String> retried = send("POST", "/api/v1/tenants/" + tenantId + "/runs/" + runId + "/retry", admin, "{}");
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
            JsonNode finished = awaitFinished(runId);
            assertThat(finished.path("run").path("status").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void secretsNeverAppearInAnswersOrTheAuditLog() {
        String sourceId = createSource(fhir.baseUrl().toString(),
                "{\"type\":\"bearer\",\"token\":\"" + SECRET + "\"}");
        HttpResponse<String> shown = get("/api/v1/fhir-sources/" + sourceId, admin);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(json(shown).path("auth").path("type").asString()).isEqualTo("bearer");
        assertThat(shown.body()).doesNotContain(SECRET);
        assertThat(get("/api/v1/tenants/" + tenantId + "/fhir-sources", admin).body()).contains(sourceId).doesNotContain(SECRET);
        String audit = get("/api/v1/audit?resource_type=data_source&resource_id=" + sourceId, admin).body();
        assertThat(audit).contains("fhir_source.create").doesNotContain(SECRET);
    }

    @Test
    void anotherTenantGetsNotFound() {
        String sourceId = createSource(fhir.baseUrl().toString(), "{\"type\":\"none\"}");
        String other = DataPath.newTenant(this, admin, "other");
        Caller outsider = newUser("outsider");
        send("PUT", "/api/v1/tenants/" + other + "/members/user/" + outsider.id(), admin,
                "{\"roles\":[\"organisation_admin\"]}");
        assertThat(get("/api/v1/fhir-sources/" + sourceId, outsider.token()).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/sources/" + sourceId + "/fhir/ingest", outsider.token(),
                "{\"postal_code\":\"02139\"}").statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/v1/fhir-sources/" + sourceId, outsider.token(), null).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/tenants/" + other + "/fhir-sources", outsider.token()).body()).doesNotContain(sourceId);

        assertThat(send("DELETE", "/api/v1/fhir-sources/" + sourceId, admin, null).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/fhir-sources/" + sourceId, admin).statusCode()).isEqualTo(404);
    }

    @Test
    void aBadSourceBodyListsEveryProblem() {
        HttpResponse<String> response = send("POST", "/api/v1/tenants/" + tenantId + "/fhir-sources", admin, """
                {"name": "", "base_url": "http://user:pw@fhir.example.org/r4", "auth": {"type": "basic"},
                 "page_size": 0, "concurrency": 100, "requests_per_second": -1, "max_attempts": 0}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        List<String> fields = errorFields(json(response));
        assertThat(fields).contains("name", "base_url", "auth.username", "page_size", "concurrency",
                "requests_per_second", "max_attempts");
        assertThat(send("POST", "/api/v1/tenants/" + tenantId + "/fhir-sources", admin,
                "{\"name\":\"x\",\"base_url\":\"http://127.0.0.1/fhir\",\"auth\":{\"type\":\"kerberos\"}}").body())
                .contains("auth.type");
    }

    private String createSource(String baseUrl, String auth) {
        return createSource(baseUrl, auth, "");
    }

    private String createSource(String baseUrl, String auth, String extra) {
        String name = "fhir-" + UUID.randomUUID().toString().substring(0, 8);
        return created(send("POST", "/api/v1/tenants/" + tenantId + "/fhir-sources", admin,
                "{\"name\":\"" + name + "\",\"base_url\":\"" + baseUrl + "\",\"auth\":" + auth
                        + ",\"page_size\":7,\"requests_per_second\":1000" + extra + "}"))
                .path("id").asString();
    }

    private String ingest(String sourceId, String postalCode, int status) {
        HttpResponse<String> response = send("POST", "/api/v1/sources/" + sourceId + "/fhir/ingest", admin,
                "{\"postal_code\":\"" + postalCode + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json(response).path("run_id").asString();
    }

    private String datasetId(String name) {
        for (JsonNode dataset : json(get("/api/v1/tenants/" + tenantId + "/datasets?name_prefix=" + name, admin)).path("items")) {
            if (dataset.path("name").asString().equals(name)) {
                return dataset.path("id").asString();
            }
        }
        throw new AssertionError("no dataset " + name);
    }

    private Set<String> column(String datasetId, int version, String column) {
        HttpResponse<String> download = get("/api/v1/datasets/" + datasetId + "/versions/" + version
                + "/download?format=ndjson&columns=" + column, admin);
        assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
        return download.body().lines().map(line -> JSON.readTree(line).path(column).asString()).collect(Collectors.toSet());
    }

    private JsonNode awaitFinished(String runId) {
        return DataPath.awaitRunEnded(this, admin, tenantId, runId);
    }

    private static FaultFilter.Fault[] slow(int requests) {
        FaultFilter.Fault[] delays = new FaultFilter.Fault[requests];
        Arrays.fill(delays, new FaultFilter.Delay(200));
        return delays;
    }
}
