package org.haven.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.Responses.created;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.haven.server.DataPath;
import org.haven.server.RunningServer;
import org.haven.testing.fhir.FhirTestData;
import org.haven.testing.fhir.FhirTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The serving tables an ingest fills ({@code fhir_patients}, {@code fhir_observations}): exactly the server's
 * resources of the postal code, a re-ingest that rewrites only what changed, nothing removed by a crawl that did not
 * return it, and each tenant's rows its own.
 */
class FhirServingIT extends RunningServer {

    @Autowired
    JdbcClient jdbc;

    private FhirTestServer fhir;
    private String admin;
    private String tenantId;

    /** A row of fhir_patients as the test compares it. */
    record PatientRow(String id, String family, String given, LocalDate birthDate, String gender, String postalCode,
            OffsetDateTime firstSeenAt, OffsetDateTime updatedAt) {}

    @BeforeEach
    void aTenantAndAFhirServer() {
        fhir = FhirTestServer.start(FhirTestData.generate(30, 11), 0);
        admin = adminToken();
        tenantId = DataPath.newTenant(this, admin, "serving");
    }

    @AfterEach
    void stopServer() {
        fhir.close();
    }

    @Test
    void anIngestFillsTheTablesWithExactlyTheResourcesOfThePostalCode() {
        String sourceId = createSource(tenantId);
        String runId = ingestAndWait(tenantId, sourceId, "02139");

        Map<String, PatientRow> patients = patients(tenantId, sourceId);
        List<FhirTestData.PatientValues> expected = fhir.data().patientsIn("02139");
        assertThat(patients.keySet()).isEqualTo(expected.stream().map(FhirTestData.PatientValues::id)
                .collect(Collectors.toSet()));
        for (FhirTestData.PatientValues patient : expected) {
            PatientRow row = patients.get(patient.id());
            assertThat(row.family()).isEqualTo(patient.family());
            assertThat(row.given()).isEqualTo(patient.given());
            assertThat(row.birthDate()).isEqualTo(patient.birthDate());
            assertThat(row.gender()).isEqualTo(patient.gender());
            assertThat(row.postalCode()).isEqualTo("02139");
            assertThat(row.updatedAt()).isEqualTo(row.firstSeenAt());
        }

        List<FhirTestData.ObservationValues> observations = fhir.data().observationsIn("02139");
        Map<String, Map<String, Object>> rows = jdbc.sql("SELECT observation_id, patient_id, code, value_quantity,"
                        + " effective_at FROM fhir_observations WHERE tenant_id = :tenant AND source_id = :source")
                .param("tenant", UUID.fromString(tenantId)).param("source", UUID.fromString(sourceId))
                .query((rs, n) -> {
                    Map<String, Object> row = new HashMap<>();
                    row.put("id", rs.getString(1));
                    row.put("patient_id", rs.getString(2));
                    row.put("code", rs.getString(3));
                    row.put("value", rs.getBigDecimal(4));
                    OffsetDateTime effectiveAt = rs.getObject(5, OffsetDateTime.class);
                    row.put("effective_at", effectiveAt == null ? null : effectiveAt.toInstant());
                    return row;
                })
                .list().stream().collect(Collectors.toMap(row -> row.get("id").toString(), Function.identity()));
        assertThat(rows.keySet()).isEqualTo(observations.stream().map(FhirTestData.ObservationValues::id)
                .collect(Collectors.toSet()));
        for (FhirTestData.ObservationValues observation : observations) {
            Map<String, Object> row = rows.get(observation.id());
            assertThat(row.get("patient_id")).isEqualTo(observation.patientId());
            assertThat(row.get("code")).isEqualTo(observation.code());
            assertThat((BigDecimal) row.get("value")).isEqualByComparingTo(observation.value());
            assertThat(row.get("effective_at")).isEqualTo(observation.effectiveAt());
        }

        assertThat(logs(tenantId, runId)).contains("fhir_patients: " + expected.size() + " inserted, 0 updated, 0 unchanged",
                "fhir_observations: " + observations.size() + " inserted, 0 updated, 0 unchanged");
    }

    @Test
    void aReingestRewritesOnlyTheChangedPatientAndRemovesNothing() {
        String sourceId = createSource(tenantId);
        ingestAndWait(tenantId, sourceId, "02139");
        Map<String, PatientRow> before = patients(tenantId, sourceId);
        long observationsBefore = observationCount(tenantId, sourceId);

        // The same input again changes nothing.
        String unchangedRun = ingestAndWait(tenantId, sourceId, "02139");
        assertThat(patients(tenantId, sourceId)).isEqualTo(before);
        assertThat(logs(tenantId, unchangedRun)).contains("fhir_patients: 0 inserted, 0 updated, " + before.size()
                + " unchanged");

        FhirTestData.PatientValues changed = fhir.data().patientsIn("02139").get(0);
        fhir.data().put(changed.withFamily("Renamed"));
        String changedRun = ingestAndWait(tenantId, sourceId, "02139");

        Map<String, PatientRow> after = patients(tenantId, sourceId);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(after.get(changed.id()).family()).isEqualTo("Renamed");
        assertThat(after.get(changed.id()).updatedAt()).isAfter(before.get(changed.id()).updatedAt());
        assertThat(after.get(changed.id()).firstSeenAt()).isEqualTo(before.get(changed.id()).firstSeenAt());
        before.keySet().stream().filter(id -> !id.equals(changed.id()))
                .forEach(id -> assertThat(after.get(id)).as(id).isEqualTo(before.get(id)));
        assertThat(observationCount(tenantId, sourceId)).isEqualTo(observationsBefore);
        assertThat(logs(tenantId, changedRun)).contains("fhir_patients: 0 inserted, 1 updated, " + (before.size() - 1)
                + " unchanged");

        // Another postal code adds its patients; the first one's stay although this crawl did not return them.
        ingestAndWait(tenantId, sourceId, "02140");
        assertThat(patients(tenantId, sourceId).keySet()).isEqualTo(Stream.of("02139", "02140")
                .flatMap(code -> fhir.data().patientsIn(code).stream()).map(FhirTestData.PatientValues::id)
                .collect(Collectors.toSet()));
    }

    @Test
    void anotherTenantsIngestOfTheSameServerLeavesTheFirstTenantsRowsAlone() {
        String sourceId = createSource(tenantId);
        ingestAndWait(tenantId, sourceId, "02139");
        Map<String, PatientRow> first = patients(tenantId, sourceId);

        FhirTestData.PatientValues changed = fhir.data().patientsIn("02139").get(0);
        fhir.data().put(changed.withFamily("Renamed"));
        String otherTenant = DataPath.newTenant(this, admin, "other");
        String otherSource = createSource(otherTenant);
        ingestAndWait(otherTenant, otherSource, "02139");

        assertThat(patients(tenantId, sourceId)).isEqualTo(first);
        Map<String, PatientRow> other = patients(otherTenant, otherSource);
        assertThat(other.keySet()).isEqualTo(first.keySet());
        assertThat(other.get(changed.id()).family()).isEqualTo("Renamed");
        assertThat(jdbc.sql("SELECT count(*) FROM fhir_patients WHERE tenant_id = :tenant")
                .param("tenant", UUID.fromString(tenantId)).query(Long.class).single()).isEqualTo(first.size());
    }

    private Map<String, PatientRow> patients(String tenant, String source) {
        return jdbc.sql("SELECT patient_id, family_name, given_names, birth_date, gender, postal_code, first_seen_at,"
                        + " updated_at FROM fhir_patients WHERE tenant_id = :tenant AND source_id = :source")
                .param("tenant", UUID.fromString(tenant)).param("source", UUID.fromString(source))
                .query((rs, n) -> new PatientRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class)))
                .list().stream().collect(Collectors.toMap(PatientRow::id, Function.identity()));
    }

    private long observationCount(String tenant, String source) {
        return jdbc.sql("SELECT count(*) FROM fhir_observations WHERE tenant_id = :tenant AND source_id = :source")
                .param("tenant", UUID.fromString(tenant)).param("source", UUID.fromString(source))
                .query(Long.class).single();
    }

    private String createSource(String tenant) {
        String name = "fhir-" + UUID.randomUUID().toString().substring(0, 8);
        return created(send("POST", "/api/v1/tenants/" + tenant + "/fhir-sources", admin, "{\"name\":\"" + name
                + "\",\"base_url\":\"" + fhir.baseUrl() + "\",\"auth\":{\"type\":\"none\"},\"page_size\":7,"
                + "\"requests_per_second\":1000}")).path("id").asString();
    }

    private String ingestAndWait(String tenant, String sourceId, String postalCode) {
        HttpResponse<String> response = send("POST", "/api/v1/sources/" + sourceId + "/fhir/ingest", admin,
                "{\"postal_code\":\"" + postalCode + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String runId = json(response).path("run_id").asString();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonNode details = json(get("/api/v1/tenants/" + tenant + "/runs/" + runId, admin));
            String status = details.path("run").path("status").asString();
            if (status.equals("SUCCEEDED")) {
                return runId;
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

    private String logs(String tenant, String runId) {
        return get("/api/v1/tenants/" + tenant + "/runs/" + runId + "/logs", admin).body();
    }
}
