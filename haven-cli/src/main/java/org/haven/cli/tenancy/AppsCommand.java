package org.haven.cli.tenancy;

import java.time.Instant;
import org.haven.cli.ApiCommand;
import org.haven.cli.CommandGroup;
import org.haven.cli.HavenApi;
import org.haven.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code haven apps}: non-human callers of a tenant and their API keys. */
@Command(name = "apps", description = "Create apps in a tenant and manage their API keys.",
        subcommands = {AppsCommand.Create.class, AppsCommand.List.class, AppsCommand.Keys.class,
                AppsCommand.CreateKey.class, AppsCommand.RevokeKey.class})
public final class AppsCommand extends CommandGroup {

    /** The options and path every apps command shares: the tenant the apps belong to. */
    abstract static class InTenant extends ApiCommand {

        @Option(names = "--tenant", paramLabel = "TENANT_ID", required = true, description = "The tenant the app belongs to.")
        String tenant;

        String apps() {
            return TenantsCommand.tenant(tenant) + "/apps";
        }

        String keys(String app) {
            return apps() + "/" + HavenApi.segment(app) + "/keys";
        }
    }

    @Command(name = "create", description = "Create an app in a tenant.")
    static final class Create extends InTenant {

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        protected int execute(HavenApi api) {
            JsonNode app = api.post(apps(), HavenApi.body("name", name));
            return print(app, out -> {
                out.println("created app " + name);
                Table.printFields(out, app, "id", "id", "tenant", "tenant_id", "created", "created_at");
            });
        }
    }

    @Command(name = "list", description = "List a tenant's apps.")
    static final class List extends InTenant {

        @Override
        protected int execute(HavenApi api) {
            JsonNode apps = api.get(apps());
            return print(apps, out -> {
                Table table = Table.of("id", "name", "created");
                apps.forEach(app -> table.row(app.path("id"), app.path("name"), app.path("created_at")));
                table.print(out);
            });
        }
    }

    @Command(name = "keys", description = "List an app's API keys (their secrets are never shown again).")
    static final class Keys extends InTenant {

        @Parameters(paramLabel = "APP_ID")
        String app;

        @Override
        protected int execute(HavenApi api) {
            JsonNode keys = api.get(keys(app));
            return print(keys, out -> {
                Table table = Table.of("id", "name", "created", "expires", "last used", "revoked");
                keys.forEach(key -> table.row(key.path("id"), key.path("name"), key.path("created_at"),
                        key.path("expires_at"), key.path("last_used_at"), key.path("revoked_at")));
                table.print(out);
            });
        }
    }

    @Command(name = "create-key", description = "Create an API key for an app; it is shown this once only.")
    static final class CreateKey extends InTenant {

        @Parameters(paramLabel = "APP_ID")
        String app;

        @Option(names = "--name", required = true, description = "What the key is for, e.g. where it is deployed.")
        String name;

        @Option(names = "--expires-at", paramLabel = "INSTANT", description = "When it stops working, e.g. 2030-01-01T00:00:00Z.")
        Instant expiresAt;

        @Override
        protected int execute(HavenApi api) {
            JsonNode issued = api.post(keys(app), HavenApi.body("name", name, "expires_at", expiresAt == null ? null : expiresAt.toString()));
            return print(issued, out -> {
                JsonNode info = issued.path("info");
                out.println("created key " + info.path("id").asString() + " (" + name + ") for app " + app);
                out.println(issued.path("token").asString());
                out.println("Store this key now: it will not be shown again.");
            });
        }
    }

    @Command(name = "revoke-key", description = "Revoke an app's API key at once.")
    static final class RevokeKey extends InTenant {

        @Parameters(index = "0", paramLabel = "APP_ID")
        String app;

        @Parameters(index = "1", paramLabel = "KEY_ID")
        String key;

        @Override
        protected int execute(HavenApi api) {
            JsonNode result = api.delete(keys(app) + "/" + HavenApi.segment(key));
            return print(result, out -> out.println("revoked key " + key + " of app " + app));
        }
    }
}
