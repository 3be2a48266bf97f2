package org.haven.pipelines;

import java.util.Map;
import java.util.UUID;

/** What a step attempt knows about its run. One context per attempt; safe to use from the step's own threads. */
public interface StepContext {

    UUID runId();

    String tenantId();

    String pipelineName();

    int pipelineVersion();

    String stepId();

    /** 1 for the first attempt of the step, counting every attempt of this run. */
    int attempt();

    /** The step's params from the definition. */
    Map<String, Object> params();

    /** The run's inputs, e.g. the triggering object ({@code source_id}, {@code path}, {@code sha256}). */
    Map<String, String> inputs();

    /** The outputs of every succeeded step of the run, by step id (a step sees at least those it needs). */
    Map<String, Map<String, Object>> upstreamOutputs();

    /** The storage key prefix of the run's scratch area, ending in '/'; deleted when the run ends (see README). */
    String workspacePrefix();

    /** True once the run has been cancelled; long work should stop and throw. */
    boolean isCancelled();

    /** Writes a line to the run's log (stored as a {@code step.log} event). */
    void log(String message);
}
