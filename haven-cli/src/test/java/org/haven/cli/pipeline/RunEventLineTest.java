package org.haven.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RunEventLineTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String line(String event) {
        JsonNode parsed = JSON.readTree(event);
        return RunEventLine.format(parsed);
    }

    @Test
    void runEventsSayWhatHappenedToTheRun() {
        assertThat(line("{\"type\":\"RUN_QUEUED\",\"time\":\"2030-01-01T09:00:00.123456Z\",\"message\":\"queued by upload:ab\"}"))
                .isEqualTo("2030-01-01T09:00:00Z  run queued (queued by upload:ab)");
        assertThat(line("{\"type\":\"RUN_STARTED\",\"time\":\"2030-01-01T09:00:01Z\"}"))
                .isEqualTo("2030-01-01T09:00:01Z  run started");
        assertThat(line("{\"type\":\"RUN_FAILED\",\"time\":\"2030-01-01T09:00:02Z\",\"step_id\":\"validate\","
                + "\"message\":\"too many bad rows (not retryable)\"}"))
                .isEqualTo("2030-01-01T09:00:02Z  run failed at step validate: too many bad rows (not retryable)");
        assertThat(line("{\"type\":\"RUN_SUCCEEDED\",\"time\":\"2030-01-01T09:00:03Z\"}")).endsWith("  run succeeded");
        assertThat(line("{\"type\":\"RUN_CANCELLED\",\"time\":\"2030-01-01T09:00:03Z\"}")).endsWith("  run cancelled");
    }

    @Test
    void stepEventsAndLogLinesNameTheirStep() {
        assertThat(line("{\"type\":\"STEP_STARTED\",\"time\":\"2030-01-01T09:00:01Z\",\"step_id\":\"land\",\"attempt\":1}"))
                .isEqualTo("2030-01-01T09:00:01Z  land: started, attempt 1");
        assertThat(line("{\"type\":\"STEP_LOG\",\"time\":\"2030-01-01T09:00:01Z\",\"step_id\":\"land\",\"attempt\":1,"
                + "\"message\":\"landed a.csv (10 bytes)\"}"))
                .isEqualTo("2030-01-01T09:00:01Z  land: landed a.csv (10 bytes)");
        assertThat(line("{\"type\":\"STEP_SUCCEEDED\",\"time\":\"2030-01-01T09:00:01Z\",\"step_id\":\"land\"}"))
                .isEqualTo("2030-01-01T09:00:01Z  land: succeeded");
        assertThat(line("{\"type\":\"STEP_RETRYING\",\"time\":\"2030-01-01T09:00:01Z\",\"step_id\":\"publish\",\"attempt\":2,"
                + "\"message\":\"store busy\",\"details\":{\"next_attempt_at\":\"2030-01-01T09:00:21.5Z\"}}"))
                .isEqualTo("2030-01-01T09:00:01Z  publish: attempt 2 failed, retrying at 2030-01-01T09:00:21Z: store busy");
        assertThat(line("{\"type\":\"STEP_FAILED\",\"time\":\"2030-01-01T09:00:01Z\",\"step_id\":\"publish\",\"message\":\"gone\"}"))
                .isEqualTo("2030-01-01T09:00:01Z  publish: failed: gone");
    }

    @Test
    void anEventOfALaterServerIsStillShown() {
        assertThat(line("{\"type\":\"STEP_PAUSED\",\"time\":\"not a time\",\"step_id\":\"x\",\"message\":\"why\"}"))
                .isEqualTo("not a time  step_paused x: why");
    }
}
