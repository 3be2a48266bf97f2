package org.haven.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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

    /** Runs with {@code input} as standard input, as in {@code echo input | haven args}. */
    public static CommandRun withInput(String input, String... args) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return of(args);
        } finally {
            System.setIn(original);
        }
    }
}
