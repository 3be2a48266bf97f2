package org.haven.cli.audit;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.haven.cli.ApiCommand;
import org.haven.cli.CliFailure;
import org.haven.cli.CommandGroup;
import org.haven.cli.ExitCodes;
import org.haven.cli.HavenApi;
import org.haven.cli.ListOptions;
import org.haven.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code haven audit}: the tamper-evident log of what happened. */
@Command(name = "audit", description = "Read and verify the audit log (platform auditors).",
        subcommands = {AuditCommand.List.class, AuditCommand.Verify.class})
public final class AuditCommand extends CommandGroup {

    private static final String AUDIT = "/api/v1/audit";

    @Command(name = "list", description = "List audit events, newest first, filtered by the options given.")
    static final class List extends ApiCommand {

        @Option(names = "--action", description = "Only this action, e.g. tenant.create.")
        String action;

        @Option(names = "--actor", paramLabel = "ID", description = "Only events by this actor.")
        String actor;

        @Option(names = "--resource", paramLabel = "TYPE:ID", description = "Only events about this resource.")
        String resource;

        @Option(names = "--from", paramLabel = "INSTANT", description = "Events at or after, e.g. 2030-01-01T00:00:00Z.")
        Instant from;

        @Option(names = "--to", paramLabel = "INSTANT", description = "Events before.")
        Instant to;

        @Mixin
        ListOptions list;

        @Override
        protected int execute(HavenApi api) {
            Map<String, String> query = list.query();
            query.put("actor_id", actor);
            query.put("action", action);
            if (resource != null) {
                int colon = resource.indexOf(':');
                if (colon <= 0 || colon == resource.length() - 1) {
                    throw new CliFailure("--resource must look like type:id, not " + resource, ExitCodes.USAGE);
                }
                query.put("resource_type", resource.substring(0, colon));
                query.put("resource_id", resource.substring(colon + 1));
            }
            query.put("from", from == null ? null : from.toString());
            query.put("to", to == null ? null : to.toString());
            JsonNode page = api.list(AUDIT, query, list.all());
            return print(page, out -> {
                Table table = Table.of("#", "time", "actor", "action", "resource", "decision");
                page.path("items").forEach(item -> {
                    JsonNode event = item.path("event");
                    table.row(item.path("sequence"), event.path("occurred_at"), reference(event.path("actor")),
                            event.path("action"), reference(event.path("resource")), event.path("decision"));
                });
                table.print(out);
                ListOptions.printMore(out, page);
            });
        }

        private static String reference(JsonNode typeAndId) {
            if (typeAndId.isMissingNode() || typeAndId.isNull()) {
                return "";
            }
            return Table.cell(typeAndId.path("type")).toLowerCase(Locale.ROOT) + ":" + Table.cell(typeAndId.path("id"));
        }
    }

    @Command(name = "verify", description = "Check the audit log's hash chain; exits 1 if it was tampered with.")
    static final class Verify extends ApiCommand {

        @Override
        protected int execute(HavenApi api) {
            JsonNode result = api.post(AUDIT + "/verify", null);
            boolean intact = result.path("ok").asBoolean(false);
            print(result, out -> {
                if (intact) {
                    out.println("audit chain intact: " + result.path("events_checked").asLong() + " events");
                } else {
                    JsonNode first = result.path("first_break");
                    out.println("audit chain broken at event #" + first.path("sequence").asLong() + ": "
                            + Table.cell(first.path("problem")) + ": " + Table.cell(first.path("detail")));
                }
            });
            return intact ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }
}
