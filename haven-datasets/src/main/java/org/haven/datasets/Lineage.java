package org.haven.datasets;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a version came from: enough to say which inputs and which code made it, and to make it again.
 *
 * @param inputs the input objects, in the order the pipeline read them
 * @param pipelineName the pipeline definition's name
 * @param pipelineVersion the pipeline definition's version
 * @param runId the run that published the version
 * @param parameters the run's parameters as text, sorted by name
 * @param havenVersion the Haven release that ran the pipeline
 */
public record Lineage(List<InputObject> inputs, String pipelineName, String pipelineVersion, String runId,
        Map<String, String> parameters, String havenVersion) {

    public Lineage {
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        Objects.requireNonNull(pipelineName, "pipelineName");
        Objects.requireNonNull(pipelineVersion, "pipelineVersion");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(havenVersion, "havenVersion");
        TreeMap<String, String> sorted = new TreeMap<>();
        Objects.requireNonNull(parameters, "parameters").forEach((name, value) ->
                sorted.put(Objects.requireNonNull(name, "parameter name"), Objects.requireNonNull(value, name)));
        parameters = Collections.unmodifiableMap(sorted);
    }
}
