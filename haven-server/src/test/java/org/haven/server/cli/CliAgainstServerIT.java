package org.haven.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.haven.cli.HavenCli;
import org.haven.server.RunningServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code haven} command against a real server: what a user sees in the terminal. */
public class CliAgainstServerIT extends RunningServer {

    @Test
    void statusReportsAReadyServerAndItsComponents() {
        Run run = haven("status", "--server", uri("").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(": ready (UP)", "db: UP", "blobStore: UP");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void statusSpeaksJsonForScripts() {
        Run run = haven("status", "--server", uri("").toString(), "--output", "json");
        assertThat(run.exitCode()).isZero();
        JsonNode status = JsonMapper.builder().build().readTree(run.out());
        assertThat(status.path("ready").asBoolean()).isTrue();
        assertThat(status.path("components").path("db").asString()).isEqualTo("UP");
    }

    @Test
    void theServerUrlCanComeFromTheEnvironmentDefault() {
        // --server overrides HAVEN_SERVER; a trailing slash is harmless.
        Run run = haven("status", "--server", uri("/").toString());
        assertThat(run.exitCode()).isZero();
    }

    public static Run haven(String... args) {
        CommandLine commandLine = HavenCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }

    /** Runs as whoever is signed in through {@code config}, the file a user's {@code haven login} wrote. */
    public static Run haven(Path config, String... args) {
        String[] withConfig = new String[args.length + 2];
        System.arraycopy(args, 0, withConfig, 0, args.length);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config.toString();
        return haven(withConfig);
    }

    /** Runs with {@code input} as standard input, as in {@code echo input | haven args}, then restores it. */
    public static Run havenWithInput(String input, String... args) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return haven(args);
        } finally {
            System.setIn(original);
        }
    }

    public record Run(int exitCode, String out, String err) {}
}
