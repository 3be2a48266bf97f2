package org.haven.server.pipeline.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.haven.pipelines.StepContext;
import org.haven.pipelines.StepFailure;
import org.haven.pipelines.StepResult;
import org.haven.pipelines.StepType;
import org.haven.server.pipeline.Deidentification;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code deidentify}: the place in a pipeline where records are de-identified before they are published. The
 * transform itself is a {@link Deidentification}, provided by the privacy module; without one, definitions that
 * use this step are refused when applied rather than failing later in a run.
 */
@Component
class DeidentifyStep implements StepType {

    private final Optional<Deidentification> deidentification;

    DeidentifyStep(ObjectProvider<Deidentification> deidentification) {
        this.deidentification = Optional.ofNullable(deidentification.getIfAvailable());
    }

    @Override
    public String name() {
        return "deidentify";
    }

    @Override
    public List<String> validate(Map<String, Object> params) {
        return deidentification.map(engine -> engine.validate(params)).orElse(List.of(
                "this server has no de-identification installed, so the deidentify step cannot run"));
    }

    @Override
    public StepResult execute(StepContext context) {
        throw StepFailure.permanent("this server has no de-identification installed, so the deidentify step cannot run");
    }
}
