package org.haven.pipelines;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A run as listed. {@code startedAt} and {@code finishedAt} are null until they happen; {@code retries} counts the
 * times a failed run was resumed with {@code PipelineEngine.retry}.
 */
public record RunSummary(String tenantId, UUID runId, String pipelineName, int pipelineVersion, String triggerKey,
                         RunStatus status, Map<String, String> inputs, Instant queuedAt, Instant startedAt,
                         Instant finishedAt, String error, String workspacePrefix, Instant workspaceCleanedAt,
                         int retries) {}
