package org.haven.cli;

/** A failure the user can act on; its message is the one line the CLI prints. */
public final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliFailure(String message) {
        this(message, ExitCodes.FAILURE);
    }

    public CliFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
