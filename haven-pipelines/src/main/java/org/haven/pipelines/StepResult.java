package org.haven.pipelines;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a successful step hands to the steps after it: a small map of JSON values (strings, numbers, lists, maps). */
public record StepResult(Map<String, Object> output) {

    public StepResult {
        output = output == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(output));
    }

    public static StepResult empty() {
        return new StepResult(Map.of());
    }

    public static StepResult of(Map<String, Object> output) {
        return new StepResult(output);
    }
}
