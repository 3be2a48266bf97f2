package org.haven.cli.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.haven.cli.ApiCommand;
import org.haven.cli.CommandGroup;
import org.haven.cli.HavenApi;
import org.haven.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code haven access}: access reviews. */
@Command(name = "access", description = "Review access (platform auditors).", subcommands = {AccessCommand.Explain.class})
public final class AccessCommand extends CommandGroup {

    @Command(name = "explain", description = "Show whether a subject holds a permission on a resource, and through which relationships.")
    static final class Explain extends ApiCommand {

        @Option(names = "--resource", paramLabel = "TYPE:ID", required = true, description = "e.g. tenant:3f2a...")
        String resource;

        @Option(names = "--permission", required = true, description = "e.g. view, administer.")
        String permission;

        @Option(names = "--subject", paramLabel = "TYPE:ID", required = true, description = "e.g. user:9c1b...")
        String subject;

        @Override
        protected int execute(HavenApi api) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("resource", resource);
            query.put("permission", permission);
            query.put("subject", subject);
            JsonNode explanation = api.get("/api/v1/access/explain" + HavenApi.queryString(query));
            return print(explanation, out -> {
                boolean allowed = explanation.path("allowed").asBoolean(false);
                out.println(subject + (allowed ? " has " : " does not have ") + permission + " on " + resource);
                out.println("reason: " + Table.cell(explanation.path("reason")));
                int number = 1;
                for (JsonNode path : explanation.path("paths")) {
                    List<String> steps = new ArrayList<>();
                    path.forEach(step -> steps.add(Table.cell(step)));
                    out.println("  " + number++ + ". " + String.join(" -> ", steps));
                }
            });
        }
    }
}
