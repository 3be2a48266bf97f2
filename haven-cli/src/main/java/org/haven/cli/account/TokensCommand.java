package org.haven.cli.account;

import org.haven.cli.ApiCommand;
import org.haven.cli.CommandGroup;
import org.haven.cli.HavenApi;
import org.haven.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code haven tokens}: the caller's personal access tokens. */
@Command(name = "tokens", description = "List or revoke your personal access tokens.",
        subcommands = {TokensCommand.List.class, TokensCommand.Revoke.class})
public final class TokensCommand extends CommandGroup {

    @Command(name = "list", description = "List your personal access tokens (their secrets are never shown again).")
    static final class List extends ApiCommand {

        @Override
        protected int execute(HavenApi api) {
            JsonNode tokens = api.get("/api/v1/me/tokens");
            return print(tokens, out -> {
                Table table = Table.of("id", "name", "created", "expires", "last used", "revoked");
                tokens.forEach(token -> table.row(token.path("id"), token.path("name"), token.path("created_at"),
                        token.path("expires_at"), token.path("last_used_at"), token.path("revoked_at")));
                table.print(out);
            });
        }
    }

    @Command(name = "revoke", description = "Revoke one of your personal access tokens at once.")
    static final class Revoke extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "The token's id (from: haven tokens list).")
        String id;

        @Override
        protected int execute(HavenApi api) {
            return print(api.delete("/api/v1/me/tokens/" + HavenApi.segment(id)), out -> out.println("revoked token " + id));
        }
    }
}
