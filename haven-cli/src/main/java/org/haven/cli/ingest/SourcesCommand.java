package org.haven.cli.ingest;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import org.haven.cli.ApiCommand;
import org.haven.cli.CliFailure;
import org.haven.cli.CommandGroup;
import org.haven.cli.HavenApi;
import org.haven.cli.ListOptions;
import org.haven.cli.Table;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code haven sources}: a tenant's data sources, who may use them, and the files in them. */
@Command(name = "sources", description = "Create data sources, grant users and apps access to them, list their files.",
        subcommands = {SourcesCommand.Create.class, SourcesCommand.AddFhir.class, SourcesCommand.List.class, SourcesCommand.Show.class,
                SourcesCommand.Permissions.class, SourcesCommand.Permit.class, SourcesCommand.Revoke.class,
                SourcesCommand.Files.class})
public final class SourcesCommand extends CommandGroup {

    static String source(String id) {
        return "/api/v1/sources/" + HavenApi.segment(id);
    }

    static String tenantSources(String tenant) {
        return "/api/v1/tenants/" + HavenApi.segment(tenant) + "/sources";
    }

    static void printSource(PrintWriter out, JsonNode source) {
        Table.printFields(out, source, "id", "id", "name", "name", "tenant", "tenant_id", "kind", "kind",
                "description", "description", "created by", "created_by", "created", "created_at");
    }

    /** {@code --user ID} or {@code --app ID}: who a level is granted to or taken from. */
    static final class Subject {

        @Option(names = "--user", paramLabel = "USER_ID", required = true, description = "A user's id.")
        String user;

        @Option(names = "--app", paramLabel = "APP_ID", required = true, description = "An app's id.")
        String app;

        String value() {
            return user != null ? "user:" + user : "app:" + app;
        }
    }

    /** The levels a source grants, checked before anything is sent. */
    enum Level {
        admin,
        writer,
        reader
    }

    @Command(name = "create", description = "Create a data source in a tenant.")
    static final class Create extends ApiCommand {

        @Option(names = "--tenant", paramLabel = "TENANT_ID", required = true, description = "The owner tenant.")
        String tenant;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--description", description = "What the source holds.")
        String description;

        @Override
        protected int execute(HavenApi api) {
            JsonNode source = api.post(tenantSources(tenant), HavenApi.body("name", name, "description", description));
            return print(source, out -> {
                out.println("created source " + name);
                printSource(out, source);
            });
        }
    }

    /** The authentication methods a FHIR source accepts, checked before anything is sent. */
    enum FhirAuthType {
        none,
        basic,
        bearer,
        client_credentials
    }

    enum FhirMode {
        search,
        bulk_export
    }

    @Command(name = "add-fhir", description = {"Add a FHIR R4 server as a data source of a tenant.",
            "The password, token or client secret is read from the environment variable named by --secret-env, "
                    + "never from the command line (which others can see in the process list)."})
    static final class AddFhir extends ApiCommand {

        @Option(names = "--tenant", paramLabel = "TENANT_ID", required = true, description = "The owner tenant.")
        String tenant;

        @Option(names = "--name", required = true, description = "The source's name in the tenant.")
        String name;

        @Option(names = "--base-url", paramLabel = "URL", required = true, description = "The server's FHIR base URL.")
        String baseUrl;

        @Option(names = "--auth", defaultValue = "none",
                description = "none, basic, bearer or client_credentials (default: ${DEFAULT-VALUE}).")
        FhirAuthType auth;

        @Option(names = "--username", description = "basic: the user name.")
        String username;

        @Option(names = "--secret-env", paramLabel = "VAR",
                description = "The environment variable holding the password (basic), token (bearer) or client secret.")
        String secretEnv;

        @Option(names = "--token-url", paramLabel = "URL", description = "client_credentials: the token endpoint.")
        String tokenUrl;

        @Option(names = "--client-id", description = "client_credentials: the client id.")
        String clientId;

        @Option(names = "--scope", description = "client_credentials: the scope to ask for.")
        String scope;

        @Option(names = "--page-size", description = "Resources per page (_count).")
        Integer pageSize;

        @Option(names = "--concurrency", description = "Requests in flight at once.")
        Integer concurrency;

        @Option(names = "--requests-per-second", description = "Most requests started per second.")
        Double requestsPerSecond;

        @Option(names = "--max-attempts", description = "Attempts per request, the first included.")
        Integer maxAttempts;

        @Option(names = "--mode", paramLabel = "MODE",
                description = "How an ingest reads the server: search (paged searches, the server's default) or "
                        + "bulk_export (an asynchronous FHIR Bulk Data Patient/$export).")
        FhirMode mode;

        @Option(names = "--description", description = "What the source holds.")
        String description;

        @Override
        protected int execute(HavenApi api) {
            String secret = secretEnv == null ? null : System.getenv(secretEnv);
            if (secretEnv != null && secret == null) {
                throw new CliFailure("the environment variable " + secretEnv + " is not set");
            }
            Map<String, Object> authBody = HavenApi.body("type", auth.name(), "username", username,
                    "token_url", tokenUrl, "client_id", clientId, "scope", scope);
            switch (auth) {
                case basic -> authBody.put("password", secret);
                case bearer -> authBody.put("token", secret);
                case client_credentials -> authBody.put("client_secret", secret);
                default -> { }
            }
            authBody.values().removeIf(Objects::isNull);
            JsonNode source = api.post("/api/v1/tenants/" + HavenApi.segment(tenant) + "/fhir-sources",
                    HavenApi.body("name", name, "description", description, "base_url", baseUrl, "auth", authBody,
                            "page_size", pageSize, "concurrency", concurrency, "requests_per_second", requestsPerSecond,
                            "max_attempts", maxAttempts, "mode", mode == null ? null : mode.name()));
            return print(source, out -> {
                out.println("added FHIR source " + name);
                Table.printFields(out, source, "id", "id", "name", "name", "tenant", "tenant_id", "base url", "base_url");
                out.println("auth: " + source.path("auth").path("type").asString());
                out.println("mode: " + source.path("mode").asString());
            });
        }
    }

    @Command(name = "list", description = "List the tenant's data sources you can see.")
    static final class List extends ApiCommand {

        @Option(names = "--tenant", paramLabel = "TENANT_ID", required = true, description = "The owner tenant.")
        String tenant;

        @Mixin
        ListOptions list;

        @Override
        protected int execute(HavenApi api) {
            JsonNode page = api.list(tenantSources(tenant), list.query(), list.all());
            return print(page, out -> {
                Table table = Table.of("id", "name", "kind", "created");
                page.path("items").forEach(source -> table.row(source.path("id"), source.path("name"), source.path("kind"),
                        source.path("created_at")));
                table.print(out);
                ListOptions.printMore(out, page);
            });
        }
    }

    @Command(name = "show", description = "Show one data source.")
    static final class Show extends ApiCommand {

        @Parameters(paramLabel = "SOURCE_ID")
        String source;

        @Override
        protected int execute(HavenApi api) {
            JsonNode shown = api.get(source(source));
            return print(shown, out -> printSource(out, shown));
        }
    }

    @Command(name = "permissions", description = "Who holds which level on a source (source admins).")
    static final class Permissions extends ApiCommand {

        @Parameters(paramLabel = "SOURCE_ID")
        String source;

        @Override
        protected int execute(HavenApi api) {
            JsonNode granted = api.get(source(source) + "/permissions");
            return print(granted, out -> {
                Table table = Table.of("subject", "level");
                granted.forEach(grant -> table.row(grant.path("subject"), grant.path("level")));
                table.print(out);
            });
        }
    }

    @Command(name = "permit", description = "Give a user or app of the tenant exactly one level: admin, writer or reader.")
    static final class Permit extends ApiCommand {

        @Parameters(paramLabel = "SOURCE_ID")
        String source;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Subject subject;

        @Option(names = "--level", required = true, description = "One of: ${COMPLETION-CANDIDATES}.")
        Level level;

        @Override
        protected int execute(HavenApi api) {
            JsonNode grant = api.post(source(source) + "/permissions", HavenApi.body("subject", subject.value(), "level", level.name()));
            return print(grant, out -> out.println(subject.value() + " is now " + level + " of source " + source));
        }
    }

    @Command(name = "revoke", description = "Take every level a user or app holds on a source away.")
    static final class Revoke extends ApiCommand {

        @Parameters(paramLabel = "SOURCE_ID")
        String source;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Subject subject;

        @Override
        protected int execute(HavenApi api) {
            JsonNode result = api.delete(source(source) + "/permissions" + HavenApi.queryString(Map.of("subject", subject.value())));
            return print(result, out -> out.println(subject.value() + " no longer holds a level on source " + source));
        }
    }

    @Command(name = "files", description = "List the files in a source, with uploader, time, size and SHA-256.")
    static final class Files extends ApiCommand {

        @Parameters(paramLabel = "SOURCE_ID")
        String source;

        @Option(names = "--prefix", paramLabel = "PATH", description = "Only files whose path starts with PATH.")
        String prefix;

        @Mixin
        ListOptions list;

        @Override
        protected int execute(HavenApi api) {
            Map<String, String> query = list.query();
            query.put("prefix", prefix);
            JsonNode page = api.list(source(source) + "/files", query, list.all());
            return print(page, out -> {
                Table table = Table.of("id", "path", "size", "sha256", "uploaded by", "uploaded");
                page.path("items").forEach(file -> table.row(file.path("id"), file.path("path"), file.path("size"),
                        file.path("sha256"), file.path("uploaded_by"), file.path("uploaded_at")));
                table.print(out);
                ListOptions.printMore(out, page);
            });
        }
    }
}
