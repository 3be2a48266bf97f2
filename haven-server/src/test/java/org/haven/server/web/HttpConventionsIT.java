package org.haven.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.haven.server.RunningServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The conventions every endpoint inherits, observed over real HTTP against a server on the embedded defaults. */
class HttpConventionsIT extends RunningServer {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + adminToken());
    }

    @Test
    void livenessAndReadinessReportTheRealComponents() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(ready.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("blobStore").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void healthDocsAndMetricsNeedNoCredentials() throws Exception {
        for (String path : new String[] {"/healthz", "/readyz", "/openapi.json", "/metrics"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void openApiAndSwaggerUiAreServed() throws Exception {
        HttpResponse<String> openApi = get("/openapi.json");
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(openApi.body()).path("info").path("title").asText()).isEqualTo("Haven API");

        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(uri("/docs")).build(), HttpResponse.BodyHandlers.ofString());
        String location = docs.headers().firstValue("Location").orElse("/docs");
        HttpResponse<String> ui = get(URI.create(uri("/docs").toString()).resolve(location).getPath());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
    }

    @Test
    void prometheusMetricsAreServedToLocalCallers() throws Exception {
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void unknownRoutesAreProblemsNotPages() throws Exception {
        HttpResponse<String> response = http.send(authorized("/api/v1/no-such-thing")
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        JsonNode problem = assertProblem(response, 404, "not-found");
        assertThat(problem.path("detail").asText()).isEqualTo("No endpoint GET /api/v1/no-such-thing");

        // Without credentials the API does not even say which routes exist.
        assertProblem(http.send(HttpRequest.newBuilder(uri("/api/v1/no-such-thing")).build(), HttpResponse.BodyHandlers.ofString()),
                401, "unauthenticated");
    }

    @Test
    void malformedJsonIsAProblemWithItsPosition() throws Exception {
        JsonNode problem = assertProblem(post("/api/v1/test-probe/echo", "{\"name\": \"ada\",, }"), 400, "malformed-json");
        assertThat(problem.path("detail").asText()).contains("line 1");
        assertProblem(post("/api/v1/test-probe/echo", ""), 400, "malformed-json");
    }

    @Test
    void invalidFieldsAreListed() throws Exception {
        JsonNode problem = assertProblem(post("/api/v1/test-probe/echo", "{\"name\": \"\"}"), 400, "validation-failed");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("name");
    }

    @Test
    void aPathOrQueryValueOfTheWrongTypeNamesTheParameterNotTheValue() throws Exception {
        String tenant = JSON.readTree(send("POST", "/api/v1/tenants", adminToken(),
                "{\"slug\":\"types-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"T\"}")
                .body()).path("id").asText();
        HttpResponse<String> response = http.send(authorized("/api/v1/tenants/" + tenant + "/runs/not-a-uuid").build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode problem = assertProblem(response, 400, "validation-failed");
        assertThat(problem.path("detail").asText()).isEqualTo("'runId' must be an id (a UUID)");

        JsonNode limit = assertProblem(http.send(authorized("/api/v1/tenants/" + tenant + "/runs?limit=many").build(),
                HttpResponse.BodyHandlers.ofString()), 400, "validation-failed");
        assertThat(limit.path("detail").asText()).isEqualTo("'limit' must be a whole number");
    }

    @Test
    void wellFormedRequestsStillWork() throws Exception {
        HttpResponse<String> response = post("/api/v1/test-probe/echo", "{\"name\": \"ada\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("hello").asText()).isEqualTo("ada");
    }

    @Test
    void wrongMethodAndMediaTypeAreProblems() throws Exception {
        assertProblem(get("/api/v1/test-probe/echo"), 405, "method-not-allowed");
        HttpResponse<String> text = http.send(authorized("/api/v1/test-probe/echo")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=ada")).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(text, 415, "unsupported-media-type");
    }

    @Test
    void oversizedBodiesAreRefusedWhetherDeclaredOrStreamed() throws Exception {
        String big = "{\"name\": \"" + "x".repeat(10_000) + "\"}";
        assertProblem(post("/api/v1/test-probe/echo", big), 413, "payload-too-large");

        // Chunked: no Content-Length, so the limit applies while the body streams in.
        HttpRequest chunked = authorized("/api/v1/test-probe/echo")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new RepeatingStream(big)))
                .build();
        assertProblem(http.send(chunked, HttpResponse.BodyHandlers.ofString()), 413, "payload-too-large");
    }

    @Test
    void havenErrorsCarryTheirCodeAndExtensions() throws Exception {
        JsonNode problem = assertProblem(get("/api/v1/test-probe/conflict"), 409, "conflict");
        assertThat(problem.path("detail").asText()).isEqualTo("The thing already exists");
        assertThat(problem.path("thing").asText()).isEqualTo("t-1");
    }

    @Test
    void unexpectedErrorsRevealNothingButTheTraceId() throws Exception {
        HttpResponse<String> response = get("/api/v1/test-probe/crash");
        JsonNode problem = assertProblem(response, 500, "internal");
        assertThat(response.body()).doesNotContain("secret internal detail", "IllegalStateException", "at org.");
        assertThat(problem.path("retryable").asBoolean()).isTrue();
    }

    @Test
    void theCallersRequestIdIsEchoedAndQuotedInProblems() throws Exception {
        HttpResponse<String> response = http.send(authorized("/api/v1/nope")
                .header("X-Request-Id", "trace-0123456789").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("trace-0123456789");
        assertThat(JSON.readTree(response.body()).path("traceId").asText()).isEqualTo("trace-0123456789");

        HttpResponse<String> generated = get("/healthz");
        assertThat(generated.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{24}"));
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("type").asText()).isEqualTo("urn:haven:problem:" + code);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("traceId").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        return problem;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(authorized(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(authorized(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }


    /** A body of unknown length, so the client sends it chunked. */
    private static final class RepeatingStream extends InputStream {
        private final byte[] bytes;
        private final AtomicInteger position = new AtomicInteger();

        RepeatingStream(String text) {
            this.bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            int at = position.getAndIncrement();
            return at < bytes.length ? bytes[at] & 0xff : -1;
        }
    }
}
