package org.haven.pipelines;

import java.util.Map;
import java.util.Objects;

/**
 * A request to run a pipeline. {@code version} null means the latest. {@code triggerKey} makes the request
 * idempotent: a second request with the same pipeline, version and key returns the first run. Use
 * {@code upload:<sha256>}, {@code cron:<instant>} or {@code api:<Idempotency-Key>}.
 */
public record StartRun(String tenantId, String pipelineName, Integer version, String triggerKey,
                       Map<String, String> inputs) {

    public static final int MAX_TRIGGER_KEY_LENGTH = 300;

    public StartRun {
        TenantIds.require(tenantId);
        Objects.requireNonNull(pipelineName, "pipelineName");
        Objects.requireNonNull(triggerKey, "triggerKey");
        if (triggerKey.isBlank() || triggerKey.length() > MAX_TRIGGER_KEY_LENGTH) {
            throw new PipelineException(PipelineErrorCode.REQUEST_INVALID,
                    "trigger key must be 1 to " + MAX_TRIGGER_KEY_LENGTH + " characters");
        }
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    }

    public static StartRun latest(String tenantId, String pipelineName, String triggerKey, Map<String, String> inputs) {
        return new StartRun(tenantId, pipelineName, null, triggerKey, inputs);
    }
}
