package org.haven.pipelines;

/**
 * A step attempt that failed. A {@linkplain #permanent(String) permanent} failure (bad input, a rule broken) fails the
 * step at once, without spending retries; a {@linkplain #retryable(String) retryable} one (a store briefly down) is
 * tried again after the step's backoff, until its attempts run out.
 */
public final class StepFailure extends RuntimeException {

    private final boolean retryable;

    private StepFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public static StepFailure retryable(String message) {
        return new StepFailure(message, true, null);
    }

    public static StepFailure retryable(String message, Throwable cause) {
        return new StepFailure(message, true, cause);
    }

    public static StepFailure permanent(String message) {
        return new StepFailure(message, false, null);
    }

    public static StepFailure permanent(String message, Throwable cause) {
        return new StepFailure(message, false, cause);
    }

    public boolean isRetryable() {
        return retryable;
    }
}
