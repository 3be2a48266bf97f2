package org.haven.bench.fhir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.haven.bench.http.HavenServerProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * FHIR ingests through the public API of a running server, as an operator would start them: the bootstrap admin
 * signs in and creates a tenant; each ingest gets a FHIR source of its own (so every repetition loads the serving
 * tables from empty, like the first ingest of a postal code) and is followed by polling its run every 250 ms: each
 * poll goes through the whole API stack (rate limit, authentication, audit), so polling faster costs the server
 * measurable CPU while adding little precision to a run of tens of seconds.
 */
final class HavenFhirIngest {

    /** One ingest: wall time from the ingest request to the run seen finished, and what the run reported. */
    record Result(long nanos, String sourceId, String runId, long runMillis, long queuedToStartedMillis,
            Map<String, Long> stepMillis, long patientRows, long observationRows, JsonNode fetchOutput) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration POLL = Duration.ofMillis(250);

    private final HavenServerProcess server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;
    private final String tenantId;
    private int sources;

    private HavenFhirIngest(HavenServerProcess server, String token, String tenantId) {
        this.server = server;
        this.token = token;
        this.tenantId = tenantId;
    }

    static HavenFhirIngest create(HavenServerProcess server, String adminPassword) throws Exception {
        HavenFhirIngest client = new HavenFhirIngest(server, null, null);
        String token = field(client.call("POST", "/api/v1/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"" + adminPassword + "\"}", 200), "access_token");
        String tenantId = field(new HavenFhirIngest(server, token, null).call("POST", "/api/v1/tenants", token,
                "{\"slug\":\"bench\",\"name\":\"Bench\"}", 201), "id");
        return new HavenFhirIngest(server, token, tenantId);
    }

    /**
     * Creates a source for {@code baseUrl} (no authentication; {@code requests_per_second} high enough never to be
     * the limit), starts an ingest of {@code postalCode} and waits for its run to succeed.
     */
    Result ingest(String baseUrl, String postalCode, int pageSize, int concurrency) throws Exception {
        sources++;
        String sourceId = field(call("POST", "/api/v1/tenants/" + tenantId + "/fhir-sources", token,
                "{\"name\":\"bench-" + sources + "\",\"base_url\":\"" + baseUrl + "\",\"auth\":{\"type\":\"none\"},"
                        + "\"page_size\":" + pageSize + ",\"concurrency\":" + concurrency
                        + ",\"requests_per_second\":10000,\"read_timeout_seconds\":120}", 201), "id");
        long start = System.nanoTime();
        JsonNode accepted = JSON.readTree(call("POST", "/api/v1/sources/" + sourceId + "/fhir/ingest", token,
                "{\"postal_code\":\"" + postalCode + "\"}", 202));
        String runId = accepted.path("run_id").asString();
        JsonNode details;
        while (true) {
            details = JSON.readTree(call("GET", "/api/v1/tenants/" + tenantId + "/runs/" + runId, token, null, 200));
            String status = details.path("run").path("status").asString();
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(status)) {
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        long nanos = System.nanoTime() - start;
        JsonNode run = details.path("run");
        if (!"SUCCEEDED".equals(run.path("status").asString())) {
            throw new IllegalStateException("ingest run " + runId + " did not succeed: " + details);
        }
        Map<String, Long> steps = new LinkedHashMap<>();
        JsonNode fetchOutput = null;
        for (JsonNode step : details.path("steps")) {
            steps.put(step.path("step_id").asString(), millisBetween(step.path("started_at"), step.path("finished_at")));
            if ("fetch".equals(step.path("step_id").asString())) {
                fetchOutput = step.path("output");
            }
        }
        return new Result(nanos, sourceId, runId, millisBetween(run.path("started_at"), run.path("finished_at")),
                millisBetween(run.path("queued_at"), run.path("started_at")), steps,
                publishedRows("patient", runId), publishedRows("observation", runId), fetchOutput);
    }

    /** The admin's sign-in token. */
    String token() {
        return token;
    }

    String tenantId() {
        return tenantId;
    }

    /** The id of the tenant's dataset {@code name}. */
    String datasetId(String name) throws Exception {
        String path = "/api/v1/tenants/" + tenantId + "/datasets?name_prefix=" + name;
        for (JsonNode dataset : JSON.readTree(call("GET", path, token, null, 200)).path("items")) {
            if (dataset.path("name").asString().equals(name)) {
                return dataset.path("id").asString();
            }
        }
        throw new IllegalStateException("no dataset " + name);
    }

    /** The row count of the version of the tenant's dataset {@code name} that run {@code runId} published. */
    private long publishedRows(String name, String runId) throws Exception {
        for (JsonNode dataset : JSON.readTree(call("GET", "/api/v1/tenants/" + tenantId + "/datasets?name_prefix=" + name,
                token, null, 200)).path("items")) {
            if (!dataset.path("name").asString().equals(name)) {
                continue;
            }
            for (JsonNode version : JSON.readTree(call("GET", "/api/v1/datasets/" + dataset.path("id").asString()
                    + "/versions", token, null, 200))) {
                if (runId.equals(version.path("run_id").asString())) {
                    return version.path("row_count").asLong();
                }
            }
        }
        throw new IllegalStateException("run " + runId + " published no version of dataset " + name);
    }

    private static long millisBetween(JsonNode from, JsonNode to) {
        if (!from.isString() || !to.isString()) {
            return -1;
        }
        return Duration.between(Instant.parse(from.asString()), Instant.parse(to.asString())).toMillis();
    }

    static String field(String json, String name) {
        return JSON.readTree(json).path(name).asString();
    }

    String call(String method, String path, String bearer, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofMinutes(2))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }
}
