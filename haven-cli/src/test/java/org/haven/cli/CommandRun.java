package org.haven.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a {@code haven} command line in-process and captures what it prints, as a terminal would see it. */
public record CommandRun(int exitCode, String out, String err) {

    public static CommandRun of(String... args) {
        CommandLine commandLine = HavenCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }
}
