package org.haven.pipelines;

import java.time.Duration;
import java.util.List;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a pipeline: its {@code type} names a registered {@link StepType}, {@code needs} the steps that must
 * succeed before it starts, {@code params} its own settings (validated by the step type).
 */
public record StepDefinition(String id, String type, List<String> needs, Map<String, Object> params,
                             RetryPolicy retry, Duration timeout) {

    public StepDefinition {
        needs = List.copyOf(needs);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
