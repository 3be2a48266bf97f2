package org.haven.cli.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.haven.cli.ApiCommand;
import org.haven.cli.CliFailure;
import org.haven.cli.CommandGroup;
import org.haven.cli.DurationConverter;
import org.haven.cli.HavenApi;
import org.haven.cli.OutputFormat;
import org.haven.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code haven pipelines}: a tenant's pipeline definitions (versioned YAML), and runs started by hand. */
@Command(name = "pipelines", description = "Apply, list, show, enable, disable and run pipelines.",
        subcommands = {PipelinesCommand.Apply.class, PipelinesCommand.List.class, PipelinesCommand.Show.class,
                PipelinesCommand.Enable.class, PipelinesCommand.Disable.class, PipelinesCommand.Run.class})
public final class PipelinesCommand extends CommandGroup {

    static String pipelines(String tenant) {
        return "/api/v1/tenants/" + HavenApi.segment(tenant) + "/pipelines";
    }

    static String pipeline(String tenant, String name) {
        return pipelines(tenant) + "/" + HavenApi.segment(name);
    }

    @Command(name = "apply", description = {"Apply a pipeline definition (YAML): a new version when it changed, else nothing.",
            "Each $${NAME} in the file is replaced by the value of --set NAME=VALUE first."})
    static final class Apply extends ApiCommand {

        @Parameters(paramLabel = "FILE", description = "The definition, YAML.")
        Path file;

        @Option(names = "--tenant", paramLabel = "TENANT_ID", required = true, description = "The tenant that owns it.")
        String tenant;

        @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A value for $${NAME} in the file (repeat for more).")
        Map<String, String> values = new LinkedHashMap<>();

        @Override
        protected int execute(HavenApi api) {
            String definition = PipelineFile.read(file, values);
            JsonNode applied = api.post(pipelines(tenant), HavenApi.body("definition", definition));
            return print(applied, out -> out.println(applied.path("created").asBoolean()
                    ? "applied pipeline " + applied.path("name").asString() + " version " + applied.path("version").asInt()
                    : "pipeline " + applied.path("name").asString() + " unchanged: version "
                            + applied.path("version").asInt()));
        }
    }

    @Command(name = "list", description = "List a tenant's pipelines, each at its latest version.")
    static final class List extends ApiCommand {

        @Option(names = "--tenant", paramLabel = "TENANT_ID", required = true, description = "The tenant.")
        String tenant;

        @Override
        protected int execute(HavenApi api) {
            JsonNode listed = api.get(pipelines(tenant));
            return print(listed, out -> {
                Table table = Table.of("name", "version", "enabled", "applied by", "applied");
                listed.forEach(pipeline -> table.row(pipeline.path("name"), pipeline.path("version"),
                        pipeline.path("enabled"), pipeline.path("applied_by"), pipeline.path("applied_at")));
                table.print(out);
            });
        }
    }

    @Command(name = "show", description = "Print a pipeline's definition (YAML): the latest version, or -n N.")
    static final class Show extends ApiCommand {

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--tenant", paramLabel = "TENANT_ID", required = true, description = "The tenant.")
        String tenant;

        @Option(names = {"-n", "--pipeline-version"}, paramLabel = "N", description = "This version instead of the latest.")
        Integer version;

        @Override
        protected int execute(HavenApi api) {
            JsonNode versions = api.get(pipeline(tenant, name));
            JsonNode chosen = versions.get(0);
            if (version != null) {
                chosen = versions.valueStream().filter(candidate -> candidate.path("version").asInt() == version)
                        .findFirst().orElseThrow(() -> new CliFailure("pipeline " + name + " has no version " + version
                                + " (latest: " + versions.get(0).path("version").asInt() + ")"));
            }
            JsonNode shown = chosen;
            return print(shown, out -> {
                String yaml = shown.path("definition").asString();
                out.print(yaml.endsWith("\n") ? yaml : yaml + System.lineSeparator());
            });
        }
    }

    /** Turns a pipeline on or off: a disabled pipeline starts no runs, neither from its triggers nor by hand. */
    abstract static class Switch extends ApiCommand {

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--tenant", paramLabel = "TENANT_ID", required = true, description = "The tenant.")
        String tenant;

        int set(HavenApi api, boolean enabled) {
            JsonNode pipeline = api.patch(pipeline(tenant, name), HavenApi.body("enabled", enabled));
            return print(pipeline, out -> out.println("pipeline " + name + " is " + (enabled ? "enabled" : "disabled")
                    + " (version " + pipeline.path("version").asInt() + ")"));
        }
    }

    @Command(name = "enable", description = "Enable a pipeline.")
    static final class Enable extends Switch {

        @Override
        protected int execute(HavenApi api) {
            return set(api, true);
        }
    }

    @Command(name = "disable",
            description = "Disable a pipeline: it starts no runs (triggered or by hand) until enabled again; runs under way go on.")
    static final class Disable extends Switch {

        @Override
        protected int execute(HavenApi api) {
            return set(api, false);
        }
    }

    @Command(name = "run", description = {"Start a run of a pipeline (the latest version, or -n N).",
            "With --wait the command waits for the run to end; its exit code is then 0 if it succeeded, else 1."})
    static final class Run extends ApiCommand {

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--tenant", paramLabel = "TENANT_ID", required = true, description = "The tenant.")
        String tenant;

        @Option(names = "--input", paramLabel = "KEY=VALUE",
                description = "A run input, e.g. --input source_id=ID --input file_id=ID for a pipeline that lands a file.")
        Map<String, String> inputs = new LinkedHashMap<>();

        @Option(names = {"-n", "--pipeline-version"}, paramLabel = "N", description = "Run this version, not the latest.")
        Integer version;

        @Option(names = "--idempotency-key", paramLabel = "KEY",
                description = "Starting again with the same key gives the run the first start began.")
        String idempotencyKey;

        @Option(names = "--wait", description = "Wait until the run ends.")
        boolean await;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
                description = "With --wait: give up after this long (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override
        protected int execute(HavenApi api) {
            Map<String, String> headers = idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey);
            JsonNode started = api.post(pipeline(tenant, name) + "/runs", HavenApi.body("version", version, "inputs", inputs),
                    headers);
            String run = started.path("run_id").asString();
            if (!await) {
                return print(started, out -> out.println(startedLine(started)));
            }
            if (output == OutputFormat.text) {
                out().println(startedLine(started));
                out().flush();
            }
            JsonNode details = new RunWatch(api, tenant, run).await(timeout);
            print(details, out -> RunsCommand.printDetails(out, details));
            return RunWatch.exitCode(details);
        }

        private static String startedLine(JsonNode started) {
            String what = "run " + started.path("run_id").asString() + " of pipeline "
                    + started.path("pipeline_name").asString() + " version " + started.path("pipeline_version").asInt();
            return started.path("created").asBoolean() ? "started " + what
                    : what + " was started before with this idempotency key";
        }
    }
}
