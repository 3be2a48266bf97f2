package org.haven.cli.privacy;

import org.haven.cli.ApiCommand;
import org.haven.cli.CommandGroup;
import org.haven.cli.HavenApi;
import org.haven.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code haven keys}: a tenant's keysets, described by id and version (never key material), and rotation. */
@Command(name = "keys", description = "List a tenant's keysets and rotate its encryption key (organisation admins).",
        subcommands = {KeysCommand.List.class, KeysCommand.Rotate.class})
public final class KeysCommand extends CommandGroup {

    /** The keyset purposes; only encryption rotates. */
    enum Purpose { tokenise, pseudonymise, encrypt }

    static String keys(String tenant) {
        return "/api/v1/tenants/" + HavenApi.segment(tenant) + "/keys";
    }

    @Command(name = "list", description = "List the tenant's keysets that exist (each is created on first use).")
    static final class List extends ApiCommand {

        @Option(names = "--tenant", paramLabel = "TENANT_ID", required = true, description = "The tenant.")
        String tenant;

        @Override
        protected int execute(HavenApi api) {
            JsonNode listed = api.get(keys(tenant));
            return print(listed, out -> {
                Table table = Table.of("purpose", "keyset", "version", "primary key", "keys", "rotates");
                listed.forEach(keyset -> table.row(keyset.path("purpose"), keyset.path("keyset_id"), keyset.path("version"),
                        keyset.path("primary_key_id"), keyset.path("key_ids").size(),
                        keyset.path("rotatable").asBoolean() ? "yes" : "no"));
                table.print(out);
            });
        }
    }

    @Command(name = "rotate", description = "Make a new key primary; old ciphertexts still decrypt. Only 'encrypt' rotates.")
    static final class Rotate extends ApiCommand {

        @Option(names = "--tenant", paramLabel = "TENANT_ID", required = true, description = "The tenant.")
        String tenant;

        @Parameters(paramLabel = "PURPOSE", description = "The keyset: ${COMPLETION-CANDIDATES}.")
        Purpose purpose;

        @Override
        protected int execute(HavenApi api) {
            JsonNode rotated = api.post(keys(tenant) + "/" + purpose.name() + "/rotate", HavenApi.body());
            return print(rotated, out -> out.println("rotated the " + purpose + " keyset of tenant " + tenant + ": version "
                    + rotated.path("version").asInt() + ", primary key " + rotated.path("primary_key_id").asLong()));
        }
    }
}
