package org.haven.pipelines;

/** The one exception the engine's API raises; {@link #code()} says what went wrong in a stable way. */
public class PipelineException extends RuntimeException {

    private final PipelineErrorCode code;

    public PipelineException(PipelineErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public PipelineException(PipelineErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public PipelineErrorCode code() {
        return code;
    }
}
