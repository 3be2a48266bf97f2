package org.haven.cli.catalog;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.haven.cli.ApiCommand;
import org.haven.cli.CommandGroup;
import org.haven.cli.HavenApi;
import org.haven.cli.ListOptions;
import org.haven.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code haven datasets}: datasets of a tenant, each with a versioned schema, and aggregates of their versions. */
@Command(name = "datasets", description = "Create, list and describe datasets and their schema versions; aggregate a version.",
        subcommands = {DatasetsCommand.Create.class, DatasetsCommand.List.class, DatasetsCommand.Show.class,
                DatasetSchemasCommand.class, DatasetAggregateCommand.class})
public final class DatasetsCommand extends CommandGroup {

    static String dataset(String id) {
        return "/api/v1/datasets/" + HavenApi.segment(id);
    }

    static String datasets(String tenant) {
        return "/api/v1/tenants/" + HavenApi.segment(tenant) + "/datasets";
    }

    static void printDataset(PrintWriter out, JsonNode dataset) {
        Table.printFields(out, dataset, "id", "id", "name", "name", "tenant", "tenant_id", "description", "description",
                "tags", "tags", "schema version", "latest_schema_version", "created by", "created_by",
                "created", "created_at", "updated", "updated_at");
    }

    @Command(name = "create", description = "Create a dataset with its first schema version (data set managers).")
    static final class Create extends ApiCommand {

        @Option(names = "--tenant", paramLabel = "TENANT_ID", required = true, description = "The tenant that owns it.")
        String tenant;

        @Option(names = "--name", required = true,
                description = "1 to 63 lower-case letters, digits, '_' and '-', starting with a letter; unique in the tenant.")
        String name;

        @Option(names = "--schema", paramLabel = "FILE", required = true,
                description = "The schema JSON, e.g. what 'haven schema infer FILE -o json' printed, reviewed.")
        Path schema;

        @Option(names = "--description", description = "What the dataset holds.")
        String description;

        @Option(names = "--tag", paramLabel = "TAG", description = "A tag (repeat for more).")
        java.util.List<String> tags;

        @Override
        protected int execute(HavenApi api) {
            JsonNode created = api.post(datasets(tenant), HavenApi.body("name", name, "description", description,
                    "tags", tags, "schema", SchemaFile.read(schema)));
            return print(created, out -> {
                out.println("created dataset " + name + " with schema version 1");
                printDataset(out, created);
            });
        }
    }

    @Command(name = "list", description = "List a tenant's datasets that you can see.")
    static final class List extends ApiCommand {

        @Option(names = "--tenant", paramLabel = "TENANT_ID", required = true, description = "The tenant that owns them.")
        String tenant;

        @Option(names = "--tag", paramLabel = "TAG", description = "Only datasets with this tag.")
        String tag;

        @Option(names = "--name-prefix", paramLabel = "PREFIX", description = "Only datasets whose name starts so.")
        String namePrefix;

        @Mixin
        ListOptions list;

        @Override
        protected int execute(HavenApi api) {
            Map<String, String> query = list.query();
            query.put("tag", tag);
            query.put("name_prefix", namePrefix);
            JsonNode page = api.list(datasets(tenant), query, list.all());
            return print(page, out -> {
                Table table = Table.of("id", "name", "schema version", "tags", "description");
                page.path("items").forEach(dataset -> table.row(dataset.path("id"), dataset.path("name"),
                        dataset.path("latest_schema_version"), dataset.path("tags"), dataset.path("description")));
                table.print(out);
                ListOptions.printMore(out, page);
            });
        }
    }

    @Command(name = "show", description = "Show a dataset.")
    static final class Show extends ApiCommand {

        @Parameters(paramLabel = "DATASET_ID")
        String dataset;

        @Override
        protected int execute(HavenApi api) {
            JsonNode shown = api.get(dataset(dataset));
            return print(shown, out -> printDataset(out, shown));
        }
    }
}
