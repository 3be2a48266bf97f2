package org.haven.bench.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A built Haven server running as a child process on a free loopback port with a fresh data directory, so that the
 * benchmark measures the real jar with its real embedded PostgreSQL and leaves nothing behind.
 */
public final class HavenServerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Path work;
    private final URI base;

    private HavenServerProcess(Process process, Path work, URI base) {
        this.process = process;
        this.work = work;
        this.base = base;
    }

    /**
     * Starts the jar, with {@code extensionJar} on its loader path when not null, and returns once {@code /readyz}
     * answers 200. Spring Boot's {@code PropertiesLauncher} is the launcher that honours {@code loader.path}; it
     * starts the jar's own application class, so the server is the one that ships, plus the extension's
     * auto-configuration.
     */
    public static HavenServerProcess start(Path serverJar, Path extensionJar, List<String> jvmOptions,
            Map<String, String> environment) throws Exception {
        Path work = Files.createTempDirectory("haven-bench-server");
        int port = freePort();
        List<String> command = new java.util.ArrayList<>(List.of(javaExecutable()));
        command.addAll(jvmOptions);
        if (extensionJar == null) {
            command.addAll(List.of("-jar", serverJar.toString()));
        } else {
            command.addAll(List.of("-cp", serverJar.toString(), "-Dloader.path=" + extensionJar,
                    "org.springframework.boot.loader.launch.PropertiesLauncher"));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("server.log").toFile());
        builder.environment().putAll(environment);
        builder.environment().put("HAVEN_PORT", Integer.toString(port));
        builder.environment().put("HAVEN_BIND_ADDRESS", "127.0.0.1");
        builder.environment().put("HAVEN_DATA_DIR", work.resolve("data").toString());
        HavenServerProcess server = new HavenServerProcess(builder.start(), work, URI.create("http://127.0.0.1:" + port));
        try {
            server.awaitReady();
            return server;
        } catch (Exception e) {
            server.printLogTail();
            server.close();
            throw e;
        }
    }

    /** {@code haven-bench-server-extension.jar}, the bare baselines, built beside the jar this class was loaded from. */
    public static Path benchServerExtensionJar() throws Exception {
        Path benchJar = Path.of(HavenServerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path extension = benchJar.resolveSibling("haven-bench-server-extension.jar");
        if (!Files.isRegularFile(extension)) {
            throw new IllegalStateException("not found: " + extension + " (build the bench module with mvn package)");
        }
        return extension;
    }

    /**
     * {@code defaults}, then the space-separated options of the system property {@code haven.bench.serverJvmOptions}
     * (for example a JFR recording of where the server's time goes).
     */
    public static List<String> jvmOptions(String... defaults) {
        List<String> options = new java.util.ArrayList<>(List.of(defaults));
        String extra = System.getProperty("haven.bench.serverJvmOptions", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public long pid() {
        return process.pid();
    }

    public Path dataDir() {
        return work.resolve("data");
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readyz = HttpRequest.newBuilder(uri("/readyz")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with status " + process.exitValue());
            }
            try {
                if (http.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("server not ready after " + READY_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    private void printLogTail() {
        try {
            List<String> lines = Files.readAllLines(work.resolve("server.log"));
            System.err.println("--- last lines of the server log ---");
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.err::println);
        } catch (IOException e) {
            System.err.println("server log unreadable: " + e.getMessage());
        }
    }

    /** SIGTERM, so the server stops its embedded PostgreSQL itself; then removes the data directory. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        deleteRecursively(work);
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
