package org.haven.cli.authz;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.haven.authz.AuthzException;
import org.haven.authz.validation.ValidationFailure;
import org.haven.authz.validation.ValidationResult;
import org.haven.authz.validation.ValidationRunner;
import org.haven.cli.ExitCodes;
import org.haven.cli.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code haven authz validate FILE...}: runs SpiceDB validation files. Exit status 0 when every assertion and
 * expected relation holds, 1 when any fails, 2 when a file cannot be read or is invalid.
 */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = "Run SpiceDB validation files (schema, relationships, assertions, validation) against Haven's engine.")
public final class ValidateCommand implements Callable<Integer> {

    static final int ALL_PASSED = ExitCodes.OK;
    static final int SOME_FAILED = ExitCodes.FAILURE;
    static final int INVALID_INPUT = ExitCodes.USAGE;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Validation files (YAML).")
    List<Path> files;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES}.")
    OutputFormat output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int status = ALL_PASSED;
        List<Map<String, Object>> reports = new ArrayList<>();
        for (Path file : files) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("file", file.toString());
            try {
                ValidationResult result = ValidationRunner.run(file);
                report.put("status", result.passed() ? "passed" : "failed");
                report.put("checks", result.checksRun());
                List<Map<String, Object>> failures = new ArrayList<>();
                for (ValidationFailure failure : result.failures()) {
                    failures.add(Map.of("line", failure.line(), "message", failure.message()));
                    if (output == OutputFormat.text) {
                        out.println(file + ":" + failure.line() + ": " + failure.message());
                    }
                }
                report.put("failures", failures);
                if (output == OutputFormat.text) {
                    out.println(file + ": " + (result.passed()
                            ? "OK (" + result.checksRun() + " checks)"
                            : "FAILED (" + result.failures().size() + " failures, " + result.checksRun() + " checks)"));
                }
                if (!result.passed()) {
                    status = Math.max(status, SOME_FAILED);
                }
            } catch (AuthzException e) {
                report.put("status", "invalid");
                report.put("reason", oneLine(e.getMessage()));
                if (output == OutputFormat.text) {
                    err.println("haven: invalid validation file: " + oneLine(e.getMessage()));
                }
                status = INVALID_INPUT;
            }
            reports.add(report);
        }
        if (output == OutputFormat.json) {
            out.println(JsonMapper.builder().build().writeValueAsString(Map.of("exitCode", status, "files", reports)));
        }
        out.flush();
        err.flush();
        return status;
    }

    private static String oneLine(String message) {
        return message == null ? "unknown error" : message.replace('\n', ' ');
    }
}
