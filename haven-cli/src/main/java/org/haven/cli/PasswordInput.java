package org.haven.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a password without it appearing on the command line, where other users could see it in the process list:
 * from the terminal without echo, or as the first line of standard input for scripts.
 */
public final class PasswordInput {

    private PasswordInput() {}

    public static char[] read(boolean fromStandardInput, String prompt) {
        char[] password = fromStandardInput ? firstLineOfStandardInput() : prompt(prompt);
        if (password == null || password.length == 0) {
            throw new CliFailure("no password given", ExitCodes.USAGE);
        }
        return password;
    }

    private static char[] firstLineOfStandardInput() {
        // Not closed: that would close System.in for the rest of the process.
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            String line = in.readLine();
            return line == null ? null : line.toCharArray();
        } catch (IOException e) {
            throw new CliFailure("cannot read the password from standard input: " + e.getMessage());
        }
    }

    private static char[] prompt(String prompt) {
        Console console = System.console();
        if (console == null) {
            throw new CliFailure("no terminal to ask for the password on; pass it on standard input with --password-stdin", ExitCodes.USAGE);
        }
        return console.readPassword("%s", prompt);
    }
}
