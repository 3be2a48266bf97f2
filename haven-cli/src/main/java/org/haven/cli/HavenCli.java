package org.haven.cli;

import org.haven.cli.authz.AuthzCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the {@code haven} command line. {@code haven start} is handled by the launcher script, which runs the server. */
@Command(
        name = "haven",
        mixinStandardHelpOptions = true,
        versionProvider = HavenVersion.class,
        description = "Haven: a secure, multi-tenant platform for sensitive data.",
        footer = {"", "Run the server with: haven start"},
        subcommands = {StatusCommand.class, VersionCommand.class, AuthzCommand.class, CommandLine.HelpCommand.class})
public final class HavenCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new HavenCli());
        commandLine.setExecutionExceptionHandler(new OneLineFailure());
        return commandLine;
    }
}
