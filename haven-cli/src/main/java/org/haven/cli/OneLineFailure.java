package org.haven.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** A failed command prints one line saying why, never a stack trace, and exits with {@link ExitCodes#FAILURE}. */
final class OneLineFailure implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        String reason = exception instanceof CliFailure failure ? failure.getMessage()
                : exception.getClass().getSimpleName() + (exception.getMessage() == null ? "" : ": " + exception.getMessage());
        commandLine.getErr().println("haven: " + reason);
        commandLine.getErr().flush();
        return exception instanceof CliFailure failure ? failure.exitCode() : ExitCodes.FAILURE;
    }
}
