package org.haven.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Haven REST API as the signed-in caller. A response that is not a success becomes a {@link CliFailure}: a 401
 * tells the user how to sign in, any other problem is shown as the server's detail and code.
 */
public final class HavenApi {

    private final URI server;
    private final String token;
    private final HttpJson http;
    private final HttpStreams streams;

    public HavenApi(URI server, String token) {
        this.server = server;
        this.token = token;
        this.http = new HttpJson(server);
        this.streams = new HttpStreams(server);
    }

    public URI server() {
        return server;
    }

    public JsonNode get(String path) {
        return call("GET", path, null);
    }

    public JsonNode post(String path, Object body) {
        return call("POST", path, body);
    }

    /** A POST with extra request headers, such as {@code Idempotency-Key}. */
    public JsonNode post(String path, Object body, Map<String, String> headers) {
        return answer(() -> http.send("POST", path, requireToken(), body, headers));
    }

    public JsonNode put(String path, Object body) {
        return call("PUT", path, body);
    }

    public JsonNode patch(String path, Object body) {
        return call("PATCH", path, body);
    }

    public JsonNode delete(String path) {
        return call("DELETE", path, null);
    }

    /**
     * A page of a list ({@code {"items": [...], "next_cursor": ...}}), or with {@code all} every page followed
     * through {@code next_cursor} and joined into one.
     */
    public JsonNode list(String path, Map<String, String> query, boolean all) {
        return list(path, query, all, "items");
    }

    /** As {@link #list(String, Map, boolean)} for a list whose page holds its items in {@code itemsField}. */
    public JsonNode list(String path, Map<String, String> query, boolean all, String itemsField) {
        JsonNode page = get(path + queryString(query));
        if (!all) {
            return page;
        }
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        while (true) {
            if (page.path(itemsField) instanceof ArrayNode pageItems) {
                items.addAll(pageItems);
            }
            String cursor = page.path("next_cursor").asString("");
            if (cursor.isBlank()) {
                break;
            }
            Map<String, String> next = new LinkedHashMap<>(query);
            next.put("cursor", cursor);
            page = get(path + queryString(next));
        }
        ObjectNode joined = JsonNodeFactory.instance.objectNode();
        joined.set(itemsField, items);
        joined.putNull("next_cursor");
        return joined;
    }

    /**
     * Sends a raw body (file content) streamed from {@code body}, which may be sent again after a rate-limit answer
     * ({@code beforeRetry} runs first); the answer is JSON as for the other calls.
     */
    public JsonNode sendContent(String method, String path, HttpRequest.BodyPublisher body, String contentType,
            Runnable beforeRetry) {
        return answer(() -> streams.send(method, path, requireToken(), body, contentType, beforeRetry));
    }

    /** Downloads the body of {@code path} into {@code target}; a failure leaves no file there. */
    public void download(String path, Path target) {
        answer(() -> streams.download(path, requireToken(), target));
    }

    /**
     * Reads the Server-Sent Events of {@code path} until the server ends the stream (or the connection breaks, which
     * is a failure), handing each event to {@code each} as it arrives.
     */
    public void events(String path, Consumer<ServerSentEvents.Event> each) {
        answer(() -> streams.events(path, requireToken(), each));
    }

    private String requireToken() {
        if (token == null) {
            throw notSignedIn();
        }
        return token;
    }

    private JsonNode answer(java.util.function.Supplier<HttpJson.Response> exchange) {
        HttpJson.Response response = exchange.get();
        if (response.status() == 401) {
            throw notSignedIn();
        }
        if (!response.ok()) {
            throw new CliFailure(response.problem());
        }
        return response.body();
    }

    private JsonNode call(String method, String path, Object body) {
        if (token == null) {
            throw notSignedIn();
        }
        HttpJson.Response response = http.send(method, path, token, body);
        if (response.status() == 401) {
            throw notSignedIn();
        }
        if (!response.ok()) {
            throw new CliFailure(response.problem());
        }
        return response.body();
    }

    private CliFailure notSignedIn() {
        return new CliFailure("not signed in to " + server + " (run: haven login --server " + server + " --user NAME)");
    }

    /** One path segment, escaped: ids come from the command line and must not change the path. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code ?a=1&b=2} from the parameters that have a value; empty when none has. */
    public static String queryString(Map<String, String> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                query.append(query.length() == 0 ? '?' : '&').append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    /** A request body from name-value pairs, leaving out the values that are null. */
    public static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                body.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return body;
    }
}
