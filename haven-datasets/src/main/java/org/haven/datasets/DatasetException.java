package org.haven.datasets;

import java.util.Objects;

/**
 * Writing, verifying, reading or exporting a dataset version failed. Carries a stable {@link Problem} that callers
 * map to their own error codes, and whether trying again can help. Messages name fields, files and sizes, never a
 * value of the data.
 */
public final class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Problem {
        /** A value's Java type does not match its field's data type: a caller bug, not bad data. */
        VALUE_TYPE_MISMATCH(false),
        /** A DECIMAL value cannot be stored exactly in 38 digits together with the other values of its column. */
        DECIMAL_TOO_PRECISE(false),
        /** A column asked for does not exist in the version. */
        UNKNOWN_COLUMN(false),
        /** The manifest is not valid JSON, misses a property or has a value of the wrong kind. */
        INVALID_MANIFEST(false),
        /** The files in a version directory do not match its manifest (missing, other size, other hash, rows). */
        VERIFICATION_FAILED(false),
        /** The target directory already holds a version or is not a directory. */
        TARGET_NOT_EMPTY(false),
        /** DuckDB or the local file system failed; the work can be tried again. */
        STORAGE_FAILED(true);

        private final boolean retryable;

        Problem(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Problem problem;

    public DatasetException(Problem problem, String message) {
        super(problem.name() + ": " + message);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public DatasetException(Problem problem, String message, Throwable cause) {
        super(problem.name() + ": " + message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Problem problem() {
        return problem;
    }

    public boolean retryable() {
        return problem.retryable();
    }
}
