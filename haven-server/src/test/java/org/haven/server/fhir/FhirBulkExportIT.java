package org.haven.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.Responses.created;
import static org.haven.server.Responses.errorFields;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.haven.server.DataPath;
import org.haven.server.RunningServer;
import org.haven.testing.fhir.FhirTestData;
import org.haven.testing.fhir.FhirTestServer;
import org.haven.testing.fhir.TokenServlet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A FHIR source in {@code bulk_export} mode: an ingest runs {@code Patient/$export} on the server instead of the
 * searches and publishes the same datasets, only the postal code's resources even when the server exports more.
 */
class FhirBulkExportIT extends RunningServer {

    private static final String CODE = "02139";

    private FhirTestServer fhir;
    private String admin;
    private String tenantId;

    @BeforeEach
    void aTenantAndAFhirServer() {
        fhir = FhirTestServer.start(FhirTestData.generate(80, 5));
        admin = adminToken();
        tenantId = DataPath.newTenant(this, admin, "fhir-export");
    }

    @AfterEach
    void stopServer() {
        fhir.close();
    }

    @Test
    void anIngestThroughABulkExportPublishesExactlyThePostalCode() {
        // A server that exports everything, wants its OAuth2 token for the files and is not ready at the first poll.
        fhir.bulkExport().ignoreTypeFilter(true);
        fhir.bulkExport().requiresAccessToken(true);
        fhir.bulkExport().resourcesPerFile(25);
        fhir.bulkExport().pendingPolls(1, "1");
        fhir.faults().requireAuthorization(header -> header != null && header.startsWith("Bearer ")
                && fhir.tokens().issued(header.substring(7)));
        String sourceId = createSource("{\"type\":\"client_credentials\",\"token_url\":\"" + fhir.tokenUrl()
                + "\",\"client_id\":\"" + TokenServlet.CLIENT_ID + "\",\"client_secret\":\""
                + TokenServlet.CLIENT_SECRET + "\"}", ",\"mode\":\"bulk_export\"");
        assertThat(json(get("/api/v1/fhir-sources/" + sourceId, admin)).path("mode").asString())
                .isEqualTo("bulk_export");

        String runId = ingest(sourceId, CODE);
        JsonNode finished = awaitFinished(runId);
        assertThat(finished.path("run").path("status").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");

        List<String> patients = column(datasetId("patient"), "patient_id");
        List<String> observations = column(datasetId("observation"), "observation_id");
        assertThat(patients).hasSize(fhir.data().patientsIn(CODE).size())
                .containsExactlyInAnyOrderElementsOf(ids(fhir.data().patientsIn(CODE).stream()
                        .map(FhirTestData.PatientValues::id)));
        assertThat(observations).hasSize(fhir.data().observationsIn(CODE).size())
                .containsExactlyInAnyOrderElementsOf(ids(fhir.data().observationsIn(CODE).stream()
                        .map(FhirTestData.ObservationValues::id)));
        assertThat(fhir.faults().requestsContaining("address-postalcode=")).isEmpty();
        assertThat(fhir.bulkExport().kickOffs()).hasSize(1);
        assertThat(fhir.bulkExport().deleted()).hasSize(1);
        String logs = get("/api/v1/tenants/" + tenantId + "/runs/" + runId + "/logs", admin).body();
        assertThat(logs).contains("exported", "files", "skipped").doesNotContain(CODE);
    }

    @Test
    void aServerWithoutBulkExportFailsTheRunAtOnce() {
        fhir.close();
        fhir = FhirTestServer.startWithoutBulkExport(FhirTestData.generate(20, 5));
        String sourceId = createSource("{\"type\":\"none\"}", ",\"mode\":\"bulk_export\"");

        JsonNode failed = awaitFinished(ingest(sourceId, CODE));

        assertThat(failed.path("run").path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.toString()).contains("REQUEST_REJECTED");
        assertThat(fhir.faults().requestsContaining("$export")).hasSize(1);
    }

    @Test
    void theModeIsSearchUnlessSetAndNothingElse() {
        String sourceId = createSource("{\"type\":\"none\"}", "");
        assertThat(json(get("/api/v1/fhir-sources/" + sourceId, admin)).path("mode").asString()).isEqualTo("search");

        HttpResponse<String> refused = send("POST", "/api/v1/tenants/" + tenantId + "/fhir-sources", admin,
                "{\"name\":\"x\",\"base_url\":\"" + fhir.baseUrl() + "\",\"auth\":{\"type\":\"none\"},"
                        + "\"mode\":\"ftp\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(errorFields(json(refused))).containsExactly("mode");
    }

    private static List<String> ids(java.util.stream.Stream<String> ids) {
        return ids.toList();
    }

    private String createSource(String auth, String extra) {
        String name = "fhir-" + UUID.randomUUID().toString().substring(0, 8);
        return created(send("POST", "/api/v1/tenants/" + tenantId + "/fhir-sources", admin,
                "{\"name\":\"" + name + "\",\"base_url\":\"" + fhir.baseUrl() + "\",\"auth\":" + auth
                        + ",\"requests_per_second\":1000" + extra + "}"))
                .path("id").asString();
    }

    private String ingest(String sourceId, String postalCode) {
        HttpResponse<String> response = send("POST", "/api/v1/sources/" + sourceId + "/fhir/ingest", admin,
                "{\"postal_code\":\"" + postalCode + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response).path("run_id").asString();
    }

    private String datasetId(String name) {
        for (JsonNode dataset : json(get("/api/v1/tenants/" + tenantId + "/datasets?name_prefix=" + name, admin))
                .path("items")) {
            if (dataset.path("name").asString().equals(name)) {
                return dataset.path("id").asString();
            }
        }
        throw new AssertionError("no dataset " + name);
    }

    /** Every row's value of {@code column} in version 1, one per row, so the row count shows too. */
    private List<String> column(String datasetId, String column) {
        HttpResponse<String> download = get("/api/v1/datasets/" + datasetId
                + "/versions/1/download?format=ndjson&columns=" + column, admin);
        assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
        return download.body().lines().map(line -> JSON.readTree(line).path(column).asString()).toList();
    }

    private JsonNode awaitFinished(String runId) {
        return DataPath.awaitRunEnded(this, admin, tenantId, runId);
    }
}
