package org.haven.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged server killed (SIGKILL) while a pipeline run validates a file, and again as it publishes: after a
 * restart on the same data directory the run resumes and ends with exactly one dataset version holding exactly the
 * uploaded rows.
 */
class PipelineCrashIT {

    private static final Duration READY = Duration.ofSeconds(90);
    private static final String PASSWORD = "crash-test-admin-password";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ROWS = 400_000;
    /** A killed step is taken over after four missed heartbeats: four seconds here. */
    private static final Map<String, String> ENVIRONMENT = Map.of("HAVEN_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD,
            "HAVEN_PIPELINE_HEARTBEAT_INTERVAL", "1s", "HAVEN_PIPELINE_POLL_INTERVAL", "100ms");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void aRunKilledDuringValidateResumesToOneVersionWithEveryRow() throws Exception {
        // Killed mid-attempt: the attempt is taken over after the heartbeats stop and counts as the first one.
        killAndResume("validate", step -> "RUNNING".equals(step.path("status").asString()), 2);
    }

    @Test
    void aRunKilledAsItPublishesResumesToOneVersionWithEveryRow() throws Exception {
        // Killed as the step is handed to a worker or while it runs: either way it completes once after the restart.
        killAndResume("publish", step -> List.of("SCHEDULED", "RUNNING").contains(step.path("status").asString()), 1);
    }

    private void killAndResume(String stepId, Predicate<JsonNode> killWhen, int minimumAttempts) throws Exception {
        Path dataDir = temp.resolve("data");
        String csv = csv();
        String tenant;
        String dataset;
        String runId;
        try (ServerProcess server = ServerProcess.start(dataDir, ENVIRONMENT).awaitReady(READY)) {
            URI base = server.baseUri();
            String token = signIn(base);
            tenant = call(base, "POST", "/api/v1/tenants", token,
                    "{\"slug\":\"crash-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"Crash\"}").path("id").asString();
            dataset = call(base, "POST", "/api/v1/tenants/" + tenant + "/datasets", token, """
                    {"name":"counts","schema":{"fields":[
                      {"name":"id","data_type":"INTEGER","identifier_type":"NON_ID","required":true},
                      {"name":"site","data_type":"STRING","identifier_type":"NON_ID"},
                      {"name":"visits","data_type":"INTEGER","identifier_type":"NON_ID"}]}}""").path("id").asString();
            String source = call(base, "POST", "/api/v1/tenants/" + tenant + "/sources", token, "{\"name\":\"drop\"}")
                    .path("id").asString();
            call(base, "POST", "/api/v1/tenants/" + tenant + "/pipelines", token, "{\"definition\":" + JSON.writeValueAsString("""
                    name: counts
                    triggers:
                      - upload: {source: drop, glob: "*.csv"}
                    steps:
                      - {id: land, type: land}
                      - {id: validate, type: validate, needs: [land], params: {dataset: %s}}
                      - {id: publish, type: publish, needs: [validate]}
                    """.formatted(dataset)) + "}");
            call(base, "POST", "/api/v1/sources/" + source + "/files?path=counts.csv", token, csv);
            runId = call(base, "GET", "/api/v1/tenants/" + tenant + "/runs", token, null).path("items").get(0)
                    .path("run_id").asString();

            awaitStep(base, token, tenant, runId, stepId, killWhen);
            server.kill();
        }

        try (ServerProcess server = ServerProcess.start(dataDir, ENVIRONMENT).awaitReady(READY)) {
            URI base = server.baseUri();
            String token = signIn(base);
            JsonNode finished = awaitFinished(base, token, tenant, runId);
            assertThat(finished.path("run").path("status").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");
            for (JsonNode step : finished.path("steps")) {
                if (step.path("step_id").asString().equals(stepId)) {
                    assertThat(step.path("attempt").asInt()).as(step.toString()).isGreaterThanOrEqualTo(minimumAttempts);
                }
            }

            JsonNode versions = call(base, "GET", "/api/v1/datasets/" + dataset + "/versions", token, null);
            assertThat(versions.size()).as(versions.toString()).isEqualTo(1);
            assertThat(versions.get(0).path("row_count").asLong()).isEqualTo(ROWS);
            HttpResponse<String> download = http.send(HttpRequest.newBuilder(base.resolve(
                            "/api/v1/datasets/" + dataset + "/versions/1/download?format=csv"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body().replace("\r\n", "\n")).isEqualTo(csv);
            assertThat(server.stop()).isEqualTo(ServerProcess.EXIT_AFTER_SIGTERM);
        }
    }

    private static String csv() {
        StringBuilder csv = new StringBuilder(ROWS * 24).append("id,site,visits\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append(i).append(",site-").append(i % 97).append(',').append(i % 13).append('\n');
        }
        return csv.toString();
    }

    private void awaitStep(URI base, String token, String tenant, String runId, String stepId,
            Predicate<JsonNode> reached) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode details = call(base, "GET", "/api/v1/tenants/" + tenant + "/runs/" + runId, token, null);
            for (JsonNode step : details.path("steps")) {
                if (step.path("step_id").asString().equals(stepId)) {
                    if (reached.test(step)) {
                        return;
                    }
                    assertThat(step.path("status").asString()).as("step %s went past the point to kill it", stepId)
                            .isNotEqualTo("SUCCEEDED");
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("step " + stepId + " never reached the point to kill it");
    }

    private JsonNode awaitFinished(URI base, String token, String tenant, String runId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode details = call(base, "GET", "/api/v1/tenants/" + tenant + "/runs/" + runId, token, null);
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(details.path("run").path("status").asString())) {
                return details;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " did not finish after the restart");
    }

    private String signIn(URI server) throws Exception {
        return call(server, "POST", "/api/v1/auth/login", null, "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}")
                .path("access_token").asString();
    }

    private JsonNode call(URI server, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
