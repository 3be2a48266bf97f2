package org.haven.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.cli.CliAgainstServerIT.haven;
import static org.haven.server.cli.CliAgainstServerIT.havenWithInput;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.haven.server.RunningServer;
import org.haven.server.cli.CliAgainstServerIT.Run;
import org.haven.server.query.AggregateIT;
import org.haven.server.query.AggregateIT.Cell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code haven datasets aggregate} as a data user of a project granted aggregates, and as the dataset's manager.
 *
 * <p>Adults by sex: F 12, M 15, U 3. Under disclosure control U (3) is suppressed, and F, the smallest other count,
 * with it; M shows 15.
 */
class CliAggregateIT extends RunningServer {

    private static final List<Cell> CELLS = List.of(
            new Cell("F", "18-64", 12, 40, "60.00"),
            new Cell("M", "18-64", 15, 35, "80.00"),
            new Cell("U", "18-64", 3, 30, "70.00"),
            new Cell("F", "0-17", 5, 10, "30.00"));

    @TempDir
    Path directory;

    @Test
    void aDataUserGetsFiguresUnderDisclosureControlAndTheManagerExactOnes() {
        String admin = adminToken();
        String tenant = id(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"cli-aggregate-"
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"Aggregates\"}"));
        String dataset = id(send("POST", "/api/v1/tenants/" + tenant + "/datasets", admin,
                "{\"name\":\"patients\",\"schema\":" + AggregateIT.SCHEMA + "}"));
        publish(admin, tenant, dataset);
        String project = id(send("POST", "/api/v1/tenants/" + tenant + "/projects", admin, "{\"name\":\"Stats\"}"));
        Caller statistician = newUser("cli-statistician");
        assertThat(send("PUT", "/api/v1/projects/" + project + "/members/user/" + statistician.id(), admin,
                "{\"roles\":[\"data_user\"]}").statusCode()).isEqualTo(200);
        id(send("POST", "/api/v1/datasets/" + dataset + "/grants", admin,
                "{\"project_id\":\"" + project + "\",\"result_type\":\"AGGREGATE\"}"));
        Path user = login(statistician.username(), statistician.password());
        Path manager = login(ADMIN, ADMIN_PASSWORD);

        Run protectedRun = haven(user, "datasets", "aggregate", dataset, "1", "--group-by", "sex", "--measure", "count",
                "--measure", "mean:weight_kg", "--filter", "age>=18");
        assertThat(protectedRun.exitCode()).as(protectedRun.err()).isZero();
        assertThat(protectedRun.out()).contains("result type: AGGREGATE", "SEX", "COUNT", "MEAN_WEIGHT_KG",
                "disclosure control: 4 figure(s) suppressed", "Counts of 7 or fewer are suppressed");
        List<String> lines = protectedRun.out().lines().toList();
        assertThat(lines).anyMatch(line -> line.matches("F\\s+suppressed\\s+suppressed"))
                .anyMatch(line -> line.matches("M\\s+15\\s+80\\.0"))
                .anyMatch(line -> line.matches("U\\s+suppressed\\s+suppressed"));

        Run json = haven(user, "datasets", "aggregate", dataset, "1", "--group-by", "sex", "--filter", "age>=18",
                "-o", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode result = JSON.readTree(json.out());
        assertThat(result.path("result_type").asString()).isEqualTo("AGGREGATE");
        assertThat(result.path("rows").get(1).path("measures").path("count").path("value").asLong()).isEqualTo(15);
        assertThat(result.path("disclosure_control").path("rounding_base").asInt()).isEqualTo(5);

        Run exact = haven(manager, "datasets", "aggregate", dataset, "1", "--group-by", "sex", "--measure", "count",
                "--filter", "age>=18", "--filter", "sex!=M");
        assertThat(exact.exitCode()).as(exact.err()).isZero();
        assertThat(exact.out()).contains("result type: IDENTIFIABLE", "exact figures");
        assertThat(exact.out().lines().toList()).anyMatch(line -> line.matches("F\\s+12"))
                .anyMatch(line -> line.matches("U\\s+3")).noneMatch(line -> line.startsWith("M "));

        Run direct = haven(user, "datasets", "aggregate", dataset, "1", "--group-by", "nhs_number");
        assertThat(direct.exitCode()).isEqualTo(1);
        assertThat(direct.err()).contains("group_by[0]", "DIRECT");
        assertThat(haven(user, "datasets", "aggregate", dataset, "1", "--filter", "age~18").exitCode()).isEqualTo(2);
    }

    private void publish(String admin, String tenant, String dataset) {
        String source = id(send("POST", "/api/v1/tenants/" + tenant + "/sources", admin, "{\"name\":\"gp-uploads\"}"));
        id(send("POST", "/api/v1/tenants/" + tenant + "/pipelines", admin, "{\"definition\":"
                + JSON.writeValueAsString("""
                        name: ingest
                        triggers:
                          - upload: {source: gp-uploads, glob: "incoming/*.csv"}
                        steps:
                          - {id: land, type: land}
                          - {id: validate, type: validate, needs: [land], params: {dataset: %s}}
                          - {id: publish, type: publish, needs: [validate]}
                        """.formatted(dataset)) + "}"));
        id(send("POST", "/api/v1/sources/" + source + "/files?path=incoming/patients.csv", admin,
                AggregateIT.patientsCsv(CELLS)));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (json(get("/api/v1/datasets/" + dataset + "/versions", admin)).isEmpty()) {
            assertThat(System.nanoTime()).as("version 1 not published").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private Path login(String username, String password) {
        Path config = directory.resolve(username + ".json");
        Run login = havenWithInput(password + "\n", "login", "--server", uri("").toString(), "--user", username,
                "--password-stdin", "--config", config.toString());
        assertThat(login.exitCode()).as(login.err()).isZero();
        return config;
    }

    /** The id of what a successful POST created. */
    private static String id(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("id").asString();
    }
}
