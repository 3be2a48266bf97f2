package org.haven.cli.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.haven.cli.CliFailure;
import org.haven.cli.CommandGroup;
import org.haven.cli.ExitCodes;
import org.haven.cli.HavenApi;
import org.haven.cli.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/** {@code haven files}: the content of uploaded files. Listing is {@code haven sources files SOURCE}. */
@Command(name = "files", description = "Download files from a data source.", subcommands = FilesCommand.Download.class)
public final class FilesCommand extends CommandGroup {

    /**
     * Downloads a file and checks it against the SHA-256 the server recorded at upload; a mismatch removes the
     * download and fails, so a file that arrives is the file that was uploaded.
     */
    @Command(name = "download", description = "Download a file, checked against its SHA-256.")
    static final class Download implements Callable<Integer> {

        @Mixin
        ServerOptions serverOptions;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SOURCE_ID")
        String source;

        @Parameters(index = "1", paramLabel = "FILE_ID")
        String file;

        @Option(names = {"-o", "--out"}, paramLabel = "OUT", required = true, description = "Where to write the file.")
        Path out;

        @Override
        public Integer call() {
            HavenApi api = serverOptions.api();
            String filePath = SourcesCommand.source(source) + "/files/" + HavenApi.segment(file);
            JsonNode info = api.get(filePath);
            api.download(filePath + "/content", out);
            String expected = info.path("sha256").asString();
            String actual = sha256(out);
            if (!actual.equals(expected)) {
                deleteQuietly(out);
                throw new CliFailure("the download does not match the file's SHA-256 (" + expected + "); nothing was kept");
            }
            spec.commandLine().getOut().println("downloaded " + info.path("path").asString() + " to " + out + " ("
                    + ProgressLine.size(info.path("size").asLong()) + ", sha256 " + actual + ")");
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }

        private static String sha256(Path path) {
            try (InputStream in = Files.newInputStream(path)) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
                return HexFormat.of().formatHex(digest.digest());
            } catch (IOException e) {
                throw new CliFailure("cannot read " + path + ": " + e.getMessage());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void deleteQuietly(Path path) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // The failure message already says the file is not to be trusted.
            }
        }
    }
}
