package org.haven.fhir.internal;

import tools.jackson.databind.JsonNode;

/** The first issue of an OperationOutcome error body, shortened, so a rejected request says why. */
final class OperationOutcomes {

    private static final int MAX_LENGTH = 200;

    private OperationOutcomes() {
    }

    static String diagnostics(String body) {
        JsonNode outcome = Json.parse(body);
        if (outcome == null || !"OperationOutcome".equals(Json.string(outcome, "resourceType"))) {
            return "";
        }
        JsonNode issue = outcome.path("issue").path(0);
        String text = Json.string(issue, "diagnostics");
        if (text == null) {
            text = Json.string(issue.path("details"), "text");
        }
        if (text == null) {
            return "";
        }
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
    }
}
