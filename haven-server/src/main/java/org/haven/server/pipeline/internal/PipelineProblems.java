package org.haven.server.pipeline.internal;

import java.util.Map;
import java.util.function.Supplier;
import org.haven.pipelines.PipelineDefinitionException;
import org.haven.pipelines.PipelineException;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;

/** The engine's errors as Haven's problems: stable codes, every definition problem listed. */
final class PipelineProblems {

    private PipelineProblems() {}

    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (PipelineDefinitionException e) {
            throw new HavenException(ErrorCode.INVALID_PIPELINE,
                    "The pipeline definition has " + e.problems().size() + " problem(s)",
                    Map.of("errors", e.problems()), e);
        } catch (PipelineException e) {
            ErrorCode code = switch (e.code()) {
                case DEFINITION_INVALID -> ErrorCode.INVALID_PIPELINE;
                case REQUEST_INVALID -> ErrorCode.VALIDATION_FAILED;
                case PIPELINE_NOT_FOUND, RUN_NOT_FOUND -> ErrorCode.NOT_FOUND;
                case PIPELINE_DISABLED, RUN_STATE_CONFLICT -> ErrorCode.CONFLICT;
                case STORE_UNAVAILABLE -> ErrorCode.UNAVAILABLE;
            };
            throw new HavenException(code, e.getMessage(), e);
        }
    }
}
