package org.haven.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.cli.CliAgainstServerIT.haven;
import static org.haven.server.cli.CliAgainstServerIT.havenWithInput;

import java.nio.file.Path;
import java.util.Locale;
import org.haven.server.DataPath;
import org.haven.server.RunningServer;
import org.haven.server.cli.CliAgainstServerIT.Run;
import org.haven.testing.fhir.FhirTestData;
import org.haven.testing.fhir.FhirTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code haven sources add-fhir}, {@code haven fhir ingest --wait}, {@code haven patients get|search} and
 * {@code haven observations list} against a FHIR server in the test.
 */
class CliFhirIT extends RunningServer {

    @TempDir
    Path directory;

    @Test
    void anAdminAddsAFhirSourceAndIngestsAPostalCode() {
        try (FhirTestServer fhir = FhirTestServer.start(FhirTestData.generate(12, 3), 0)) {
            Path config = directory.resolve("admin.json");
            assertThat(havenWithInput(ADMIN_PASSWORD + "\n", "login", "--server", uri("").toString(), "--user", ADMIN,
                    "--password-stdin", "--config", config.toString()).exitCode()).isZero();
            String tenant = DataPath.newTenant(this, adminToken(), "cli-fhir");

            Run refused = haven(config, "sources", "add-fhir", "--tenant", tenant, "--name", "hospital", "--base-url",
                    "ftp://fhir.example.org", "--page-size", "0");
            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
            assertThat(refused.err()).contains("base_url", "page_size");

            Run added = haven(config, "sources", "add-fhir", "--tenant", tenant, "--name", "hospital", "--base-url",
                    fhir.baseUrl().toString(), "-o", "json");
            assertThat(added.exitCode()).as(added.err()).isZero();
            String source = JSON.readTree(added.out()).path("id").asString();
            assertThat(JSON.readTree(added.out()).path("mode").asString()).isEqualTo("search");
            Run bulk = haven(config, "sources", "add-fhir", "--tenant", tenant, "--name", "hospital-bulk",
                    "--base-url", fhir.baseUrl().toString(), "--mode", "bulk_export", "-o", "json");
            assertThat(bulk.exitCode()).as(bulk.err()).isZero();
            assertThat(JSON.readTree(bulk.out()).path("mode").asString()).isEqualTo("bulk_export");

            Run ingested = haven(config, "fhir", "ingest", "--source", source, "--postal-code", "02139", "--wait",
                    "--timeout", "60s");
            assertThat(ingested.exitCode()).as(ingested.out() + ingested.err()).isZero();
            assertThat(ingested.out()).contains("started ingest run", "SUCCEEDED", "fetch", "publish_patients");
            assertThat(ingested.out()).as("progress from the run's log").contains("patients", "observations",
                    "fhir_patients:");

            FhirTestData.PatientValues patient = fhir.data().patientsIn("02139").get(0);
            Run shown = haven(config, "patients", "get", patient.id(), "--source", source);
            assertThat(shown.exitCode()).as(shown.err()).isZero();
            assertThat(shown.out()).contains("IDENTIFIABLE", patient.family(), patient.birthDate().toString());

            Run found = haven(config, "patients", "search", "--source", source, "--family-name",
                    patient.family().substring(0, 2).toLowerCase(Locale.ROOT), "--all");
            assertThat(found.exitCode()).as(found.err()).isZero();
            assertThat(found.out()).contains("FAMILY NAME", patient.id(), patient.family());

            Run badSearch = haven(config, "patients", "search", "--source", source, "--birth-date", "yesterday");
            assertThat(badSearch.exitCode()).isEqualTo(1);
            assertThat(badSearch.err()).contains("birth_date");

            FhirTestData.ObservationValues observation = fhir.data().observationsOf(patient.id()).get(0);
            Run listed = haven(config, "observations", "list", "--source", source, "--patient", patient.id(), "-o", "json");
            assertThat(listed.exitCode()).as(listed.err()).isZero();
            assertThat(JSON.readTree(listed.out()).path("items").findValuesAsString("observation_id"))
                    .containsExactlyInAnyOrderElementsOf(fhir.data().observationsOf(patient.id()).stream()
                            .map(FhirTestData.ObservationValues::id).toList());
            Run table = haven(config, "observations", "list", "--source", source, "--code", observation.code());
            assertThat(table.out()).contains("EFFECTIVE", observation.id(), observation.display());
        }
    }
}
