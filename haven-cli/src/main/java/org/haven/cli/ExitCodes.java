package org.haven.cli;

/** Exit codes shared by every command, so scripts can tell what happened. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The command ran and the answer is "no": a failed check, a server not ready, an error from the server. */
    public static final int FAILURE = 1;
    /** The command line itself was wrong (picocli's own convention). */
    public static final int USAGE = 2;
    /** The server could not be reached at all. */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {}
}
