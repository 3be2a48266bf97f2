package org.haven.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * A command that calls the API as the signed-in caller: it takes the server options and {@code --output}, prints
 * the server's JSON for scripts or text for people, and exits 0 unless it says otherwise.
 */
public abstract class ApiCommand implements Callable<Integer> {

    @Mixin
    protected ServerOptions serverOptions;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES}.")
    protected OutputFormat output;

    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() {
        int exitCode = execute(serverOptions.api());
        out().flush();
        return exitCode;
    }

    /** Runs the command and returns its exit code. */
    protected abstract int execute(HavenApi api);

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Prints the JSON as the server sent it with {@code -o json}, else what {@code text} writes. */
    protected int print(JsonNode json, Consumer<PrintWriter> text) {
        if (output == OutputFormat.json) {
            out().println(HttpJson.toJson(json));
        } else {
            text.accept(out());
        }
        return ExitCodes.OK;
    }
}
