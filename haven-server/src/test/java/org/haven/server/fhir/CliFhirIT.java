package org.haven.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.cli.CliAgainstServerIT.haven;
import static org.haven.server.cli.CliAgainstServerIT.havenWithInput;

import java.nio.file.Path;
import org.haven.server.DataPath;
import org.haven.server.RunningServer;
import org.haven.server.cli.CliAgainstServerIT.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code haven sources add-fhir} and {@code haven fhir ingest --wait} against a FHIR server in the test. */
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

            Run ingested = haven(config, "fhir", "ingest", "--source", source, "--postal-code", "02108", "--wait",
                    "--timeout", "60s");
            assertThat(ingested.exitCode()).as(ingested.out() + ingested.err()).isZero();
            assertThat(ingested.out()).contains("started ingest run", "SUCCEEDED", "fetch", "publish_patients");
        }
    }
}
