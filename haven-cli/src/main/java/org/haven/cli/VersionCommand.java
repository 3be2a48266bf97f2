package org.haven.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code haven version}: the CLI's version and the Java it runs on. */
@Command(name = "version", description = "Print the version of this haven command.")
final class VersionCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES}.")
    OutputFormat output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String java = System.getProperty("java.version");
        if (output == OutputFormat.json) {
            Map<String, String> result = new LinkedHashMap<>();
            result.put("version", HavenVersion.version());
            result.put("java", java);
            out.println(HttpJson.toJson(result));
        } else {
            out.println("haven " + HavenVersion.version() + " (Java " + java + ")");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
