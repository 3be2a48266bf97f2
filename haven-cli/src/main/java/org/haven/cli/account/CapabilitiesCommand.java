package org.haven.cli.account;

import java.util.Map;
import org.haven.cli.ApiCommand;
import org.haven.cli.HavenApi;
import org.haven.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code haven capabilities}: what the caller may do on one resource. */
@Command(name = "capabilities", description = "Show which permissions you hold on a resource.")
public final class CapabilitiesCommand extends ApiCommand {

    @Parameters(paramLabel = "TYPE:ID", description = "The resource, e.g. tenant:3f2a...")
    String resource;

    @Override
    protected int execute(HavenApi api) {
        JsonNode capabilities = api.get("/api/v1/me/capabilities" + HavenApi.queryString(Map.of("resource", resource)));
        return print(capabilities, out -> {
            Table table = Table.of("permission", "allowed");
            capabilities.path("permissions").properties()
                    .forEach(entry -> table.row(entry.getKey(), entry.getValue().asBoolean() ? "yes" : "no"));
            table.print(out);
        });
    }
}
