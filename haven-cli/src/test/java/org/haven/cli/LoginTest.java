package org.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginTest {

    @TempDir
    Path directory;

    @Test
    void aRefusedSignInWritesNoConfigAndAsksForNoToken() throws IOException {
        AtomicInteger tokenRequests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/auth/login", exchange -> respond(exchange, 401,
                "{\"detail\":\"Unknown username or wrong password\",\"code\":\"unauthenticated\"}"));
        server.createContext("/api/v1/me/tokens", exchange -> {
            tokenRequests.incrementAndGet();
            respond(exchange, 500, "{}");
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Path config = directory.resolve("haven/config.json");

            CommandRun run = CommandRun.withInput("wrong\n", "login", "--server", url, "--user", "alice",
                    "--password-stdin", "--config", config.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.err()).isEqualTo("haven: sign-in to " + url + " failed: Unknown username or wrong password (unauthenticated)"
                    + System.lineSeparator());
            assertThat(config).doesNotExist();
            assertThat(tokenRequests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableServerWritesNoConfig() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path config = directory.resolve("config.json");

        CommandRun run = CommandRun.withInput("secret\n", "login", "--server", "http://127.0.0.1:" + closedPort,
                "--user", "alice", "--password-stdin", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(config).doesNotExist();
    }

    @Test
    void anEmptyStandardInputIsAUsageError() {
        CommandRun run = CommandRun.withInput("", "login", "--user", "alice", "--password-stdin",
                "--config", directory.resolve("config.json").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("haven: no password given");
    }

    @Test
    void withoutATokenACommandSaysHowToSignIn() {
        CommandRun run = CommandRun.of("me", "--server", "http://haven.example", "--config", directory.resolve("config.json").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).isEqualTo("haven: not signed in to http://haven.example "
                + "(run: haven login --server http://haven.example --user NAME)" + System.lineSeparator());
    }

    @Test
    void loggingOutWithNothingStoredIsNotAnError() {
        CommandRun run = CommandRun.of("logout", "--config", directory.resolve("config.json").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("not signed in");
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
