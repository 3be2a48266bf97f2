package org.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HavenCliTest {

    @Test
    void versionPrintsTextOrJson() {
        CommandRun text = CommandRun.of("version");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).startsWith("haven ").contains("Java ");

        CommandRun json = CommandRun.of("version", "--output", "json");
        assertThat(json.exitCode()).isZero();
        JsonNode parsed = JsonMapper.builder().build().readTree(json.out());
        assertThat(parsed.path("version").asText()).isNotBlank();
    }

    @Test
    void helpListsTheCommands() {
        CommandRun help = CommandRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("status", "version", "haven start");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CommandRun run = CommandRun.of("frobnicate");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("frobnicate");
    }

    @Test
    void anUnreachableServerFailsWithOneLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CommandRun run = CommandRun.of("status", "--server", "http://127.0.0.1:" + closedPort);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err().lines()).hasSize(1).first().asString()
                .startsWith("haven: cannot reach Haven at http://127.0.0.1:" + closedPort);
    }

    @Test
    void aServerUrlThatIsNotHttpIsAUsageError() {
        CommandRun run = CommandRun.of("status", "--server", "ftp://example.org");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("haven: --server must be an http(s) URL, not ftp://example.org" + System.lineSeparator());
    }
}
