package org.haven.cli.account;

import org.haven.cli.ApiCommand;
import org.haven.cli.HavenApi;
import org.haven.cli.Table;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code haven me}: who the server takes the caller to be. */
@Command(name = "me", description = "Show who you are signed in as.")
public final class MeCommand extends ApiCommand {

    @Override
    protected int execute(HavenApi api) {
        JsonNode me = api.get("/api/v1/me");
        return print(me, out -> Table.printFields(out, me, "subject", "subject", "name", "display_name", "email", "email",
                "tenant", "tenant_id", "signed in with", "authenticated_with"));
    }
}
