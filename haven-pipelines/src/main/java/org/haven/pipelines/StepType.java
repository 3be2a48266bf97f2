package org.haven.pipelines;

import java.util.List;
import java.util.Map;

/**
 * A kind of step (land, validate, publish, ...). Implementations must be safe to call from several threads and
 * should make their effects idempotent per run: after a crash an attempt may run again (see the module README).
 */
public interface StepType {

    /** The name used as {@code type} in pipeline definitions. */
    String name();

    /** Problems with a step's params, each a sentence naming the param; empty when they are acceptable. */
    List<String> validate(Map<String, Object> params);

    /**
     * Runs one attempt. Return normally on success; throw {@link StepFailure} to say whether a retry can help (any
     * other runtime exception counts as retryable). Long work should check {@link StepContext#isCancelled()} and
     * respond to interruption.
     */
    StepResult execute(StepContext context) throws Exception;
}
