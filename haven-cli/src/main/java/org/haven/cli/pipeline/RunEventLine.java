package org.haven.cli.pipeline;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A run event as one line for people: the time to the second, then what happened, step events prefixed with their
 * step, log lines as the step wrote them. For example {@code 2030-01-01T09:00:01Z  validate: failed: bad rows}.
 */
final class RunEventLine {

    private RunEventLine() {}

    static String format(JsonNode event) {
        String type = event.path("type").asString("");
        String step = event.path("step_id").asString("");
        String message = event.path("message").asString("");
        String text = switch (type) {
            case "RUN_QUEUED" -> "run queued" + suffix(message);
            case "RUN_STARTED" -> "run started";
            case "RUN_SUCCEEDED" -> "run succeeded";
            case "RUN_FAILED" -> "run failed" + (step.isBlank() ? "" : " at step " + step) + reason(message);
            case "RUN_CANCELLED" -> "run cancelled";
            case "STEP_STARTED" -> step + ": started, attempt " + event.path("attempt").asInt() + suffix(message);
            case "STEP_SUCCEEDED" -> step + ": succeeded";
            case "STEP_RETRYING" -> step + ": attempt " + event.path("attempt").asInt() + " failed, retrying at "
                    + time(event.path("details").path("next_attempt_at")) + reason(message);
            case "STEP_FAILED" -> step + ": failed" + reason(message);
            case "STEP_LOG" -> step + ": " + message;
            default -> type.toLowerCase(Locale.ROOT) + (step.isBlank() ? "" : " " + step) + reason(message);
        };
        return time(event.path("time")) + "  " + text;
    }

    private static String suffix(String message) {
        return message.isBlank() ? "" : " (" + message + ")";
    }

    private static String reason(String message) {
        return message.isBlank() ? "" : ": " + message;
    }

    private static String time(JsonNode value) {
        String text = value.asString("");
        try {
            return Instant.parse(text).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return text;
        }
    }
}
