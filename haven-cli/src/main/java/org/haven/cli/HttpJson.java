package org.haven.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON-over-HTTP client for the commands; failures become {@link CliFailure}s with a plain reason. */
public final class HttpJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public HttpJson(URI base) {
        this.base = base;
    }

    /** A response: its status and its JSON body (a missing or non-JSON body reads as an empty object). */
    public record Response(int status, JsonNode body) {

        public boolean ok() {
            return status / 100 == 2;
        }

        /**
         * The problem document's detail and code in one line, e.g. {@code Forbidden (forbidden)}, followed by one
         * indented line per listed error or schema change, when the problem lists them.
         */
        public String problem() {
            String detail = body.path("detail").asString("");
            String code = body.path("code").asString("");
            if (detail.isBlank()) {
                detail = "the server answered HTTP " + status;
            }
            StringBuilder text = new StringBuilder(code.isBlank() ? detail : detail + " (" + code + ")");
            body.path("errors").forEach(error -> text.append(System.lineSeparator()).append("  ").append(error(error)));
            body.path("changes").forEach(change -> text.append(System.lineSeparator()).append("  ")
                    .append(change.path("field_name").asString("")).append(": ").append(change.path("kind").asString(""))
                    .append(" (").append(change.path("impact").asString("")).append(") ")
                    .append(change.path("detail").asString("")));
            return text.toString();
        }

        /**
         * One listed error: a sentence as it is (pipeline definition problems), schema problems carry their own
         * location, request fields are named here.
         */
        private static String error(JsonNode error) {
            if (error.isString()) {
                return error.asString();
            }
            String message = error.path("message").asString("");
            String field = error.path("field").asString("");
            return error.has("problem") || field.isBlank() ? message : field + ": " + message;
        }
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    /**
     * Sends a request with an optional bearer token and an optional body, written as JSON. The path is resolved
     * against the server URL, so it starts with a slash and carries its own query string.
     */
    public Response send(String method, String path, String bearerToken, Object body) {
        return send(method, path, bearerToken, body, Map.of());
    }

    /** As {@link #send(String, String, String, Object)}, with extra request headers ({@code Idempotency-Key}). */
    public Response send(String method, String path, String bearerToken, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), parse(response.body()));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new CliFailure("cannot reach Haven at " + base + " (is it running? start it with: haven start)", ExitCodes.UNREACHABLE);
        } catch (HttpTimeoutException e) {
            throw new CliFailure("Haven at " + base + " did not answer in time", ExitCodes.UNREACHABLE);
        } catch (IOException e) {
            throw new CliFailure("cannot talk to Haven at " + base + ": " + e.getMessage(), ExitCodes.UNREACHABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }

    /** The body as JSON; an empty object when it is empty or not JSON (a proxy's error page, say). */
    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException notJson) {
            return JSON.createObjectNode();
        }
    }

    public static String toJson(Object value) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }

    public static JsonNode readJson(String text) {
        return JSON.readTree(text);
    }
}
