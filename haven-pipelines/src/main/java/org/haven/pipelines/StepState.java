package org.haven.pipelines;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Where one step of a run stands. {@code attempt} counts the attempts made so far (0 before the first). */
public record StepState(String stepId, String type, List<String> needs, StepStatus status, int attempt,
                        Instant startedAt, Instant finishedAt, Instant nextAttemptAt, String error,
                        Map<String, Object> output) {}
