package org.haven.cli.pipeline;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.haven.cli.ApiCommand;
import org.haven.cli.CommandGroup;
import org.haven.cli.DurationConverter;
import org.haven.cli.HavenApi;
import org.haven.cli.ListOptions;
import org.haven.cli.OutputFormat;
import org.haven.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code haven runs}: a tenant's pipeline runs, their steps and events; retried or cancelled. */
@Command(name = "runs", description = "List, show, follow, retry and cancel pipeline runs.",
        subcommands = {RunsCommand.List.class, RunsCommand.Show.class, RunsCommand.Logs.class, RunsCommand.Wait.class,
                RunsCommand.Retry.class, RunsCommand.Cancel.class})
public final class RunsCommand extends CommandGroup {

    /** The statuses a run can be in, checked before anything is sent. */
    enum Status {
        queued,
        running,
        succeeded,
        failed,
        cancelled
    }

    static String runs(String tenant) {
        return "/api/v1/tenants/" + HavenApi.segment(tenant) + "/runs";
    }

    static String run(String tenant, String run) {
        return runs(tenant) + "/" + HavenApi.segment(run);
    }

    static void printRun(PrintWriter out, JsonNode run) {
        ObjectNode shown = JsonNodeFactory.instance.objectNode();
        shown.setAll((ObjectNode) run);
        StringBuilder inputs = new StringBuilder();
        run.path("inputs").properties().forEach(input -> inputs.append(inputs.isEmpty() ? "" : ", ")
                .append(input.getKey()).append('=').append(Table.cell(input.getValue())));
        shown.put("inputs", inputs.toString());
        // A run that was never retried says nothing about retries.
        shown.put("retries", run.path("retries").asInt() > 0 ? run.path("retries").asString() : "");
        Table.printFields(out, shown, "run", "run_id", "pipeline", "pipeline_name", "pipeline version", "pipeline_version",
                "status", "status", "trigger", "trigger_key", "inputs", "inputs", "queued", "queued_at",
                "started", "started_at", "finished", "finished_at", "retries", "retries", "error", "error");
    }

    public static void printDetails(PrintWriter out, JsonNode details) {
        printRun(out, details.path("run"));
        out.println();
        Table steps = Table.of("step", "type", "status", "attempt", "error");
        details.path("steps").forEach(step -> steps.row(step.path("step_id"), step.path("type"), step.path("status"),
                step.path("attempt"), step.path("error")));
        steps.print(out);
    }

    /** {@code --tenant} and the run's id, which every command on one run takes. */
    static final class RunOptions {

        @Option(names = "--tenant", paramLabel = "TENANT_ID", required = true, description = "The tenant the run belongs to.")
        String tenant;

        String run;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        /** Checked here, so a mistyped id is named as such instead of coming back as the server's "bad request". */
        @Parameters(paramLabel = "RUN_ID", description = "The run's id, as 'haven runs list' shows it.")
        void run(String id) {
            try {
                UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "RUN_ID must be a run's id (a UUID, as 'haven runs list' "
                        + "shows it), not " + id);
            }
            this.run = id;
        }
    }

    @Command(name = "list", description = "List a tenant's runs, newest first.")
    static final class List extends ApiCommand {

        @Option(names = "--tenant", paramLabel = "TENANT_ID", required = true, description = "The tenant.")
        String tenant;

        @Option(names = "--pipeline", paramLabel = "NAME", description = "Only runs of this pipeline.")
        String pipeline;

        @Option(names = "--status", description = "Only runs in this status: ${COMPLETION-CANDIDATES}.")
        Status status;

        @Mixin
        ListOptions list;

        @Override
        protected int execute(HavenApi api) {
            Map<String, String> query = list.query();
            query.put("pipeline", pipeline);
            query.put("status", status == null ? null : status.name());
            JsonNode page = api.list(runs(tenant), query, list.all(), "items");
            return print(page, out -> {
                Table table = Table.of("run", "pipeline", "version", "status", "queued", "finished");
                page.path("items").forEach(run -> table.row(run.path("run_id"), run.path("pipeline_name"),
                        run.path("pipeline_version"), run.path("status"), run.path("queued_at"), run.path("finished_at")));
                table.print(out);
                ListOptions.printMore(out, page);
            });
        }
    }

    @Command(name = "show", description = "Show a run and its steps: status, attempts and errors.")
    static final class Show extends ApiCommand {

        @Mixin
        RunOptions target;

        @Override
        protected int execute(HavenApi api) {
            JsonNode details = api.get(run(target.tenant, target.run));
            return print(details, out -> printDetails(out, details));
        }
    }

    @Command(name = "logs", description = {"Print what a run's steps logged.",
            "With --follow, stream every event as it happens (steps starting, logging, failing, retrying) until the run "
                    + "ends; the exit code is then 0 if it succeeded, else 1."})
    static final class Logs extends ApiCommand {

        @Mixin
        RunOptions target;

        @Option(names = {"-f", "--follow"}, description = "Stream the run's events until it ends.")
        boolean follow;

        @Override
        protected int execute(HavenApi api) {
            if (follow) {
                JsonNode details = new RunWatch(api, target.tenant, target.run).follow(0, event -> {
                    out().println(output == OutputFormat.json ? event.toString() : RunEventLine.format(event));
                    out().flush();
                });
                return RunWatch.exitCode(details);
            }
            // The server answers a page at a time: ask again after the last line until a page comes back empty.
            ArrayNode logs = JsonNodeFactory.instance.arrayNode();
            for (JsonNode page = logsAfter(api, 0); !page.isEmpty(); page = logsAfter(api, page.get(page.size() - 1)
                    .path("sequence").asLong())) {
                page.forEach(logs::add);
            }
            return print(logs, out -> logs.forEach(line -> out.println(RunEventLine.format(line))));
        }

        private JsonNode logsAfter(HavenApi api, long sequence) {
            return api.get(run(target.tenant, target.run) + "/logs"
                    + HavenApi.queryString(Map.of("after", Long.toString(sequence))));
        }
    }

    @Command(name = "wait", description = "Wait until a run ends; the exit code is 0 if it succeeded, else 1.")
    static final class Wait extends ApiCommand {

        @Mixin
        RunOptions target;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
                description = "Give up (exit code 1) after this long, e.g. 90s, 10m, 2h (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override
        protected int execute(HavenApi api) {
            JsonNode details = new RunWatch(api, target.tenant, target.run).await(timeout);
            print(details, out -> printDetails(out, details));
            return RunWatch.exitCode(details);
        }
    }

    @Command(name = "retry",
            description = "Run a failed run again from its failed step; steps that succeeded keep their results.")
    static final class Retry extends ApiCommand {

        @Mixin
        RunOptions target;

        @Override
        protected int execute(HavenApi api) {
            JsonNode run = api.post(run(target.tenant, target.run) + "/retry", null);
            return print(run, out -> out.println("run " + target.run + " is " + run.path("status").asString()
                    + " again (retry " + run.path("retries").asInt() + ")"));
        }
    }

    @Command(name = "cancel", description = "Cancel a queued or running run: running steps are interrupted, no new ones start.")
    static final class Cancel extends ApiCommand {

        @Mixin
        RunOptions target;

        @Override
        protected int execute(HavenApi api) {
            JsonNode run = api.post(run(target.tenant, target.run) + "/cancel", null);
            return print(run, out -> out.println("run " + target.run + " is " + run.path("status").asString()));
        }
    }
}
