package org.haven.pipelines;

import java.util.UUID;

/** The run a {@link StartRun} refers to; {@code created} is false when the trigger key had already started it. */
public record StartedRun(UUID runId, String pipelineName, int pipelineVersion, boolean created) {}
