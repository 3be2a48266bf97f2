package org.haven.cli.sharing;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.haven.cli.ApiCommand;
import org.haven.cli.CliFailure;
import org.haven.cli.CommandGroup;
import org.haven.cli.ExitCodes;
import org.haven.cli.HavenApi;
import org.haven.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code haven grants}: make a dataset available to a project as identifiable, pseudonymised or aggregate data. */
@Command(name = "grants", description = "Grant datasets to projects, list and revoke grants (dataset managers).",
        subcommands = {GrantsCommand.Add.class, GrantsCommand.List.class, GrantsCommand.Revoke.class})
public final class GrantsCommand extends CommandGroup {

    /** The result types a grant may allow, most revealing first. */
    enum ResultType { IDENTIFIABLE, PSEUDONYMISED, AGGREGATE }

    static String grants(String dataset) {
        return "/api/v1/datasets/" + HavenApi.segment(dataset) + "/grants";
    }

    static void printGrant(PrintWriter out, JsonNode grant) {
        Table.printFields(out, grant, "id", "id", "dataset", "dataset_id", "project", "project_id", "result type",
                "result_type", "version", "version", "expires", "expires_at", "granted by", "granted_by",
                "granted", "granted_at");
    }

    @Command(name = "add", description = "Grant a dataset (or one version) to a project; replaces the project's earlier grant.")
    static final class Add extends ApiCommand {

        @Parameters(paramLabel = "DATASET_ID")
        String dataset;

        @Option(names = "--project", paramLabel = "PROJECT_ID", required = true, description = "The project whose data users may read it.")
        String project;

        @Option(names = "--result-type", paramLabel = "TYPE", required = true,
                description = "The most a read may return: ${COMPLETION-CANDIDATES}.")
        ResultType resultType;

        @Option(names = "--version", paramLabel = "N", description = "Only this version of the dataset.")
        Integer version;

        @Option(names = "--expires-at", paramLabel = "TIME", description = "When the grant ends, ISO-8601, e.g. 2027-03-31T23:59:59Z.")
        String expiresAt;

        @Option(names = "--policy", paramLabel = "FILE",
                description = "A privacy policy (JSON or YAML) for pseudonymised reads; without it DIRECT fields are tokenised.")
        Path policy;

        @Override
        protected int execute(HavenApi api) {
            JsonNode granted = api.post(grants(dataset), HavenApi.body("project_id", project, "result_type", resultType.name(),
                    "version", version, "expires_at", expiresAt, "policy", policy == null ? null : read(policy)));
            return print(granted, out -> {
                out.println("granted dataset " + dataset + " to project " + project + " as " + resultType);
                printGrant(out, granted);
            });
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (NoSuchFileException e) {
                throw new CliFailure("no such file: " + file);
            } catch (IOException e) {
                throw new CliFailure("cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "list", description = "List a dataset's grants.")
    static final class List extends ApiCommand {

        @Parameters(paramLabel = "DATASET_ID")
        String dataset;

        @Override
        protected int execute(HavenApi api) {
            JsonNode listed = api.get(grants(dataset));
            return print(listed, out -> {
                Table table = Table.of("id", "project", "result type", "version", "expires", "granted by");
                listed.forEach(grant -> table.row(grant.path("id"), grant.path("project_id"), grant.path("result_type"),
                        grant.has("version") ? grant.path("version") : "all",
                        grant.has("expires_at") ? grant.path("expires_at") : "never", grant.path("granted_by")));
                table.print(out);
            });
        }
    }

    @Command(name = "revoke", description = "Revoke a grant; the project's next read is refused.")
    static final class Revoke extends ApiCommand {

        @Parameters(index = "0", paramLabel = "DATASET_ID")
        String dataset;

        @Parameters(index = "1", paramLabel = "GRANT_ID")
        String grant;

        @Override
        protected int execute(HavenApi api) {
            api.delete(grants(dataset) + "/" + HavenApi.segment(grant));
            out().println("revoked grant " + grant + " of dataset " + dataset);
            return ExitCodes.OK;
        }
    }
}
