package org.haven.fhir.internal;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** The issues of an OperationOutcome, shortened, so a rejected request or a failed export says why. */
public final class OperationOutcomes {

    /** One issue: its severity ({@code fatal}, {@code error}, {@code warning}, {@code information}) and text. */
    public record Issue(String severity, String diagnostics) {

        public boolean isError() {
            return "error".equals(severity) || "fatal".equals(severity);
        }
    }

    private static final int MAX_LENGTH = 200;

    private OperationOutcomes() {
    }

    /** The first issue's text of an OperationOutcome body; empty when there is none. */
    public static String diagnostics(String body) {
        JsonNode outcome = Json.parse(body);
        if (outcome == null || !"OperationOutcome".equals(Json.string(outcome, "resourceType"))) {
            return "";
        }
        return text(outcome.path("issue").path(0));
    }

    /** Every issue of an OperationOutcome; null when {@code json} is not one. */
    public static List<Issue> issues(String json) {
        JsonNode outcome = Json.parse(json);
        if (outcome == null || !"OperationOutcome".equals(Json.string(outcome, "resourceType"))) {
            return null;
        }
        List<Issue> issues = new ArrayList<>();
        for (JsonNode issue : outcome.path("issue")) {
            String severity = Json.string(issue, "severity");
            issues.add(new Issue(severity == null ? "error" : severity, text(issue)));
        }
        return issues;
    }

    private static String text(JsonNode issue) {
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
