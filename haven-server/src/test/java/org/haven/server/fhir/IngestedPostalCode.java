package org.haven.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.Responses.created;

import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.UUID;
import org.haven.server.DataPath;
import org.haven.server.RunningServer;
import org.haven.testing.fhir.FhirTestData;
import org.haven.testing.fhir.FhirTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A tenant with a FHIR source whose postal code 02139 has been ingested, and a second tenant whose projects are
 * granted its datasets: what the read API's tests start from.
 */
abstract class IngestedPostalCode extends RunningServer {

    static final String POSTAL_CODE = FhirTestData.POSTAL_CODES.get(0);

    @Autowired
    JdbcClient jdbc;

    FhirTestServer fhir;
    String admin;
    String tenantId;
    String sourceId;
    String researchTenant;

    @BeforeEach
    void anIngestedPostalCode() {
        fhir = FhirTestServer.start(data(), 0);
        admin = adminToken();
        tenantId = DataPath.newTenant(this, admin, "reads");
        researchTenant = DataPath.newTenant(this, admin, "research");
        sourceId = created(send("POST", "/api/v1/tenants/" + tenantId + "/fhir-sources", admin, "{\"name\":\"fhir-"
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"base_url\":\"" + fhir.baseUrl()
                + "\",\"auth\":{\"type\":\"none\"},\"requests_per_second\":1000}")).path("id").asString();
        ingestAndWait(POSTAL_CODE);
    }

    @AfterEach
    void stopFhirServer() {
        fhir.close();
    }

    /** What the FHIR server holds: patients over four postal codes, a quarter of them in {@link #POSTAL_CODE}. */
    FhirTestData data() {
        return FhirTestData.generate(24, 7);
    }

    String datasetId(String name) {
        return jdbc.sql("SELECT id FROM datasets WHERE tenant_id = :tenant AND name = :name")
                .param("tenant", UUID.fromString(tenantId)).param("name", name).query(UUID.class).single().toString();
    }

    /** A new user who is a data user of a new project of the research tenant, granted the dataset so. */
    Caller granted(String dataset, String resultType) {
        Caller user = newUser(resultType.toLowerCase(Locale.ROOT));
        String project = DataPath.projectWithDataUser(this, admin, researchTenant, "p-" + UUID.randomUUID().toString().substring(0, 8), user);
        created(send("POST", "/api/v1/datasets/" + datasetId(dataset) + "/grants", admin, "{\"project_id\":\""
                + project + "\",\"result_type\":\"" + resultType + "\"}"));
        return user;
    }

    void ingestAndWait(String postalCode) {
        HttpResponse<String> response = send("POST", "/api/v1/sources/" + sourceId + "/fhir/ingest", admin,
                "{\"postal_code\":\"" + postalCode + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String runId = json(response).path("run_id").asString();
        JsonNode ended = DataPath.awaitRunEnded(this, admin, tenantId, runId);
        assertThat(ended.path("run").path("status").asString()).as(ended.toString()).isEqualTo("SUCCEEDED");
    }
}
