package org.haven.pipelines;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something that happened to a run. {@code sequence} numbers a run's events 1, 2, 3, ... in commit order, so a reader
 * that asks for the events after the last one it saw never misses one. {@code stepId} and {@code attempt} are null
 * for run-level events.
 */
public record RunEvent(String tenantId, UUID runId, long sequence, Instant time, RunEventType type, String stepId,
                       Integer attempt, String message, Map<String, Object> details) {

    public RunEvent {
        details = details == null ? Map.of() : details;
    }
}
