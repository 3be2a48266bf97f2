package org.haven.cli.catalog;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.haven.cli.ApiCommand;
import org.haven.cli.CommandGroup;
import org.haven.cli.ExitCodes;
import org.haven.cli.HavenApi;
import org.haven.cli.HttpJson;
import org.haven.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code haven datasets schema}: a dataset's schema versions. Versions are never changed: a new schema is a new
 * version, refused when a change is breaking unless {@code --allow-breaking} says it is meant.
 */
@Command(name = "schema", description = "Add, list, show, export and check a dataset's schema versions.",
        subcommands = {DatasetSchemasCommand.Add.class, DatasetSchemasCommand.List.class, DatasetSchemasCommand.Show.class,
                DatasetSchemasCommand.Export.class, DatasetSchemasCommand.Check.class})
public final class DatasetSchemasCommand extends CommandGroup {

    static String schemas(String dataset) {
        return DatasetsCommand.dataset(dataset) + "/schemas";
    }

    static void printChanges(PrintWriter out, JsonNode changes) {
        Table table = Table.of("field", "change", "impact", "detail");
        changes.forEach(change -> table.row(change.path("field_name"), change.path("kind"), change.path("impact"),
                change.path("detail")));
        table.print(out);
    }

    /** Selects one version; {@code --version} is taken by the CLI's own version, hence the longer name. */
    abstract static class OneVersion extends ApiCommand {

        @Parameters(paramLabel = "DATASET_ID")
        String dataset;

        @Option(names = {"-n", "--schema-version"}, paramLabel = "N", description = "The version number (default: the latest).")
        Integer version;

        String versionPath() {
            return schemas(dataset) + "/" + (version == null ? "latest" : version.toString());
        }
    }

    @Command(name = "add", description = "Add a schema version; prints what changed from the latest.")
    static final class Add extends ApiCommand {

        @Parameters(paramLabel = "DATASET_ID")
        String dataset;

        @Option(names = "--schema", paramLabel = "FILE", required = true, description = "The new schema JSON.")
        Path schema;

        @Option(names = "--allow-breaking", description = "Add it even if a change is breaking (removed fields, tighter rules...).")
        boolean allowBreaking;

        @Override
        protected int execute(HavenApi api) {
            JsonNode added = api.post(schemas(dataset), HavenApi.body("schema", SchemaFile.read(schema),
                    "allow_breaking", allowBreaking));
            return print(added, out -> {
                if (!added.path("created").asBoolean()) {
                    out.println("schema unchanged: identical to version " + added.path("version").asInt());
                    return;
                }
                out.println("added schema version " + added.path("version").asInt()
                        + (added.path("breaking").asBoolean() ? " (breaking)" : ""));
                printChanges(out, added.path("changes"));
            });
        }
    }

    @Command(name = "list", description = "List a dataset's schema versions.")
    static final class List extends ApiCommand {

        @Parameters(paramLabel = "DATASET_ID")
        String dataset;

        @Override
        protected int execute(HavenApi api) {
            JsonNode versions = api.get(schemas(dataset));
            return print(versions, out -> {
                Table table = Table.of("version", "breaking", "changes", "created by", "created");
                versions.forEach(version -> table.row(version.path("version"), version.path("breaking").asBoolean() ? "yes" : "no",
                        version.path("changes").size(), version.path("created_by"), version.path("created_at")));
                table.print(out);
            });
        }
    }

    @Command(name = "show", description = "Print a schema version as schema JSON (to edit and add as the next version).")
    static final class Show extends OneVersion {

        @Override
        protected int execute(HavenApi api) {
            JsonNode shown = api.get(versionPath());
            return print(shown, out -> out.println(HttpJson.toJson(shown.path("schema"))));
        }
    }

    @Command(name = "export", description = "Print a schema version as JSON Schema (draft 2020-12), for other tools.")
    static final class Export extends OneVersion {

        @Override
        protected int execute(HavenApi api) {
            JsonNode exported = api.get(versionPath() + "/json-schema");
            out().println(HttpJson.toJson(exported));
            return ExitCodes.OK;
        }
    }

    @Command(name = "check", description = "Compare a schema with the latest version without adding it.")
    static final class Check extends ApiCommand {

        @Parameters(paramLabel = "DATASET_ID")
        String dataset;

        @Option(names = "--schema", paramLabel = "FILE", required = true, description = "The proposed schema JSON.")
        Path schema;

        @Override
        protected int execute(HavenApi api) {
            JsonNode check = api.post(schemas(dataset) + "/check", HavenApi.body("schema", SchemaFile.read(schema)));
            return print(check, out -> {
                int latest = check.path("latest_version").asInt();
                if (check.path("identical").asBoolean()) {
                    out.println("identical to version " + latest + ": adding it would change nothing");
                    return;
                }
                out.println(check.path("breaking").asBoolean()
                        ? "breaking changes from version " + latest + ": adding needs --allow-breaking"
                        : "additive changes from version " + latest + ": adding makes version " + (latest + 1));
                printChanges(out, check.path("changes"));
            });
        }
    }
}
