package org.haven.bench.startup;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Time-to-ready of a built Haven server on the embedded defaults: from process spawn until {@code /readyz}
 * answers 200. Measured cold (first start: PostgreSQL binaries unpacked, cluster initialised, migrations run) and
 * warm (restart on the same data directory). The baseline, measured in the same run on the same machine, is the
 * embedded PostgreSQL alone starting on an existing cluster: the part of Haven's start-up it cannot go below.
 *
 * <p>Usage: {@code java -cp bench/target/haven-bench.jar org.haven.bench.startup.StartupBenchmark SERVER_JAR [ROUNDS]}
 */
public final class StartupBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: StartupBenchmark SERVER_JAR [ROUNDS]");
            System.exit(2);
        }
        Path serverJar = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path work = Files.createTempDirectory("haven-startup-bench");

        Path dataDir = work.resolve("data");
        double cold = timeServerStart(serverJar, dataDir);
        double[] warm = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            warm[i] = timeServerStart(serverJar, dataDir);
        }

        Path cluster = work.resolve("pg");
        Path binaries = work.resolve("pg-binaries");
        timePostgresStart(cluster, binaries); // initialises the cluster; not part of the baseline
        double[] postgres = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            postgres[i] = timePostgresStart(cluster, binaries);
        }

        System.out.printf(Locale.ROOT, "%-48s %10s%n", "measure (" + rounds + " rounds, median)", "seconds");
        System.out.printf(Locale.ROOT, "%-48s %10.2f%n", "Haven cold start to /readyz (new data dir)", cold);
        System.out.printf(Locale.ROOT, "%-48s %10.2f%n", "Haven warm start to /readyz", median(warm));
        System.out.printf(Locale.ROOT, "%-48s %10.2f%n", "baseline: embedded PostgreSQL alone, warm", median(postgres));
        System.out.printf(Locale.ROOT, "%-48s %9.1fx%n", "ratio warm Haven / PostgreSQL alone", median(warm) / median(postgres));
        System.out.println("warm rounds: " + Arrays.toString(warm));
    }

    private static double timeServerStart(Path serverJar, Path dataDir) throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", serverJar.toString())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolveSibling("server.log").toFile());
        builder.environment().put("HAVEN_PORT", Integer.toString(port));
        builder.environment().put("HAVEN_BIND_ADDRESS", "127.0.0.1");
        builder.environment().put("HAVEN_DATA_DIR", dataDir.toString());
        long started = System.nanoTime();
        Process server = builder.start();
        try {
            URI readyz = URI.create("http://127.0.0.1:" + port + "/readyz");
            while (!ready(readyz)) {
                if (!server.isAlive()) {
                    throw new IllegalStateException("server exited; see " + dataDir.resolveSibling("server.log"));
                }
                if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(3)) {
                    throw new IllegalStateException("server not ready after 3 minutes");
                }
                Thread.sleep(20);
            }
            return (System.nanoTime() - started) / 1e9;
        } finally {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static double timePostgresStart(Path cluster, Path binaries) throws IOException {
        Files.createDirectories(binaries);
        long started = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(cluster)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .start();
        double seconds = (System.nanoTime() - started) / 1e9;
        postgres.close();
        return seconds;
    }

    private static boolean ready(URI readyz) {
        try {
            return HTTP.send(HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private StartupBenchmark() {}
}
