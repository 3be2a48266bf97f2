package org.haven.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server jar run as a real operating-system process, the way {@code ./haven start} runs it, so tests
 * can stop it gracefully, kill it outright and start it again on the same data directory.
 */
final class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ServerProcess start(Path dataDir, Map<String, String> environment) {
        Path jar = Path.of(System.getProperty("haven.test.serverJar", "target/haven-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("server jar " + jar + " is missing: run the integration tests through Maven (verify)");
        }
        int port = freePort();
        try {
            Files.createDirectories(dataDir);
            Path log = Files.createTempFile(dataDir.getParent(), "server-", ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("HAVEN_"));
            builder.environment().put("HAVEN_PORT", Integer.toString(port));
            builder.environment().put("HAVEN_BIND_ADDRESS", "127.0.0.1");
            builder.environment().put("HAVEN_DATA_DIR", dataDir.toString());
            builder.environment().putAll(environment);
            return new ServerProcess(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until /readyz answers 200; fails with the server's log if it exits or takes too long. */
    ServerProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited with " + process.exitValue() + " before it was ready:\n" + log());
            }
            if (status("/readyz") == 200) {
                return this;
            }
            sleep(100);
        }
        throw new AssertionError("server not ready after " + timeout + ":\n" + log());
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("server still running after " + timeout + ":\n" + log());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The JVM's exit code after a SIGTERM it handled by running its shutdown hooks (128 + 15). */
    static final int EXIT_AFTER_SIGTERM = 143;

    /** SIGTERM: a graceful shutdown, as a service manager or Ctrl-C would ask for. */
    int stop() {
        process.destroy();
        return awaitExit(Duration.ofSeconds(60));
    }

    /** SIGKILL: the process dies at once, with no chance to clean up. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
