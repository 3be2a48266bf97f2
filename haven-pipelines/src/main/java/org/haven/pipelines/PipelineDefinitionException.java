package org.haven.pipelines;

import java.util.List;

/** A pipeline definition that cannot be used; {@link #problems()} lists every problem found, each on its own. */
public final class PipelineDefinitionException extends PipelineException {

    private final List<String> problems;

    public PipelineDefinitionException(List<String> problems) {
        super(PipelineErrorCode.DEFINITION_INVALID, "invalid pipeline definition: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
