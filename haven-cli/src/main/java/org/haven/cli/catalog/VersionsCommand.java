package org.haven.cli.catalog;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.haven.cli.ApiCommand;
import org.haven.cli.CliFailure;
import org.haven.cli.CommandGroup;
import org.haven.cli.ExitCodes;
import org.haven.cli.HavenApi;
import org.haven.cli.ServerOptions;
import org.haven.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code haven versions}: the published, immutable versions of a dataset, described and downloaded. */
@Command(name = "versions", description = "List, show and download a dataset's published versions.",
        subcommands = {VersionsCommand.List.class, VersionsCommand.Show.class, VersionsCommand.Download.class,
                VersionsCommand.Rejects.class})
public final class VersionsCommand extends CommandGroup {

    static String versions(String dataset) {
        return DatasetsCommand.dataset(dataset) + "/versions";
    }

    static String version(String dataset, int version) {
        return versions(dataset) + "/" + version;
    }

    static void printVersion(PrintWriter out, JsonNode version) {
        Table.printFields(out, version, "dataset", "dataset_id", "version", "version", "schema version", "schema_version",
                "rows", "row_count", "content hash", "content_hash", "manifest sha256", "manifest_sha256",
                "pipeline", "pipeline_name", "pipeline version", "pipeline_version", "run", "run_id",
                "created by", "created_by", "created", "created_at");
    }

    /** The formats a version downloads as. */
    enum Format {
        csv,
        ndjson,
        parquet
    }

    @Command(name = "list", description = "List a dataset's versions, oldest first.")
    static final class List extends ApiCommand {

        @Parameters(paramLabel = "DATASET_ID")
        String dataset;

        @Override
        protected int execute(HavenApi api) {
            JsonNode listed = api.get(versions(dataset));
            return print(listed, out -> {
                Table table = Table.of("version", "rows", "schema version", "pipeline", "run", "created");
                listed.forEach(version -> table.row(version.path("version"), version.path("row_count"),
                        version.path("schema_version"), pipeline(version), version.path("run_id"), version.path("created_at")));
                table.print(out);
            });
        }

        private static String pipeline(JsonNode version) {
            String name = version.path("pipeline_name").asString("");
            return name.isEmpty() ? "" : name + " v" + version.path("pipeline_version").asInt();
        }
    }

    @Command(name = "show", description = "Show one version: rows, hashes and lineage.")
    static final class Show extends ApiCommand {

        @Parameters(index = "0", paramLabel = "DATASET_ID")
        String dataset;

        @Parameters(index = "1", paramLabel = "N", description = "The version number.")
        int version;

        @Override
        protected int execute(HavenApi api) {
            JsonNode shown = api.get(version(dataset, version));
            return print(shown, out -> printVersion(out, shown));
        }
    }

    /**
     * Streams a version to a file (never held in memory) through a temporary file beside it, renamed once complete,
     * so a failed download leaves nothing under the target's name. {@code -o} names the file here, as for
     * {@code haven files download}.
     */
    @Command(name = "download", description = "Download a version as CSV, NDJSON or Parquet, optionally only some columns.")
    static final class Download implements Callable<Integer> {

        @Mixin
        ServerOptions serverOptions;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DATASET_ID")
        String dataset;

        @Parameters(index = "1", paramLabel = "N", description = "The version number.")
        int version;

        @Option(names = "--format", defaultValue = "csv",
                description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        Format format;

        @Option(names = "--columns", paramLabel = "A,B", split = ",", description = "Only these columns, in this order.")
        java.util.List<String> columns;

        @Option(names = "--project", paramLabel = "PROJECT_ID",
                description = "Read as this project's grant allows (needed when you may read the dataset in several projects).")
        String project;

        @Option(names = {"-o", "--out"}, paramLabel = "OUT", required = true, description = "Where to write the file.")
        Path out;

        @Override
        public Integer call() {
            Path directory = out.toAbsolutePath().getParent();
            if (directory == null || !Files.isDirectory(directory)) {
                throw new CliFailure("cannot write " + out + ": " + directory + " is not a directory", ExitCodes.USAGE);
            }
            Map<String, String> query = new LinkedHashMap<>();
            query.put("format", format.name());
            query.put("columns", columns == null ? null : String.join(",", columns));
            query.put("project", project);
            serverOptions.api().download(version(dataset, version) + "/download" + HavenApi.queryString(query), out);
            spec.commandLine().getOut().println("downloaded version " + version + " of dataset " + dataset + " as "
                    + format + " to " + out + " (" + size(out) + " bytes)");
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }

        private static long size(Path file) {
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new CliFailure("cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    /**
     * Streams the records a pipeline run rejected for the dataset (NDJSON: record number, line, errors, raw values)
     * to a file, the same way as a download, so that they can be fixed and sent again.
     */
    @Command(name = "rejects", description = "Download the records a run rejected for a dataset (NDJSON), to fix and resend.")
    static final class Rejects implements Callable<Integer> {

        @Mixin
        ServerOptions serverOptions;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DATASET_ID")
        String dataset;

        @Parameters(index = "1", paramLabel = "RUN_ID", description = "The run, as 'haven runs list' shows it.")
        String run;

        @Option(names = {"-o", "--out"}, paramLabel = "OUT", required = true, description = "Where to write the file.")
        Path out;

        @Override
        public Integer call() {
            Path directory = out.toAbsolutePath().getParent();
            if (directory == null || !Files.isDirectory(directory)) {
                throw new CliFailure("cannot write " + out + ": " + directory + " is not a directory", ExitCodes.USAGE);
            }
            serverOptions.api().download(DatasetsCommand.dataset(dataset) + "/rejects/" + HavenApi.segment(run), out);
            spec.commandLine().getOut().println("downloaded the records run " + run + " rejected for dataset " + dataset
                    + " to " + out + " (" + Download.size(out) + " bytes)");
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
