package org.haven.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Checks on API answers shared by the integration tests: the status a step expects, and problem fields. */
public final class Responses {

    private Responses() {}

    /** The body of a 201, failing with the body as the message otherwise. */
    public static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return RunningServer.json(response);
    }

    /** The body of a 200, failing with the body as the message otherwise. */
    public static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return RunningServer.json(response);
    }

    /** The {@code field} of each entry of a validation problem's {@code errors}, in order. */
    public static List<String> errorFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asString()));
        return fields;
    }
}
