package org.haven.pipelines;

import java.util.List;
import java.util.Optional;
import org.haven.pipelines.internal.DefinitionParser;

/**
 * A validated pipeline: a DAG of typed steps and the triggers that start it. Built from YAML by
 * {@link #parse(String, StepTypes, PipelineSettings)}; see the module README for the format.
 *
 * @param concurrency the most runs of this pipeline that may run at the same time (default 1)
 */
public record PipelineDefinition(String name, String description, List<PipelineTrigger> triggers, int concurrency,
                                 List<StepDefinition> steps) {

    public static final int DEFAULT_CONCURRENCY = 1;

    public PipelineDefinition {
        triggers = List.copyOf(triggers);
        steps = List.copyOf(steps);
    }

    /** Parses and validates YAML; raises {@link PipelineDefinitionException} listing every problem found. */
    public static PipelineDefinition parse(String yaml, StepTypes stepTypes, PipelineSettings settings) {
        return new DefinitionParser(stepTypes, settings).parse(yaml);
    }

    public Optional<StepDefinition> step(String id) {
        return steps.stream().filter(step -> step.id().equals(id)).findFirst();
    }

    public List<UploadTrigger> uploadTriggers() {
        return triggers.stream().filter(UploadTrigger.class::isInstance).map(UploadTrigger.class::cast).toList();
    }

    public List<CronTrigger> cronTriggers() {
        return triggers.stream().filter(CronTrigger.class::isInstance).map(CronTrigger.class::cast).toList();
    }
}
