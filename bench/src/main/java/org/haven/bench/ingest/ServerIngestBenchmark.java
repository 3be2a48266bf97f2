package org.haven.bench.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.haven.bench.http.HavenServerProcess;
import org.haven.bench.ingest.CsvBaselines.Timing;
import org.haven.datasets.DuckDbSettings;
import org.haven.schema.SchemaJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole ingest path through a running server, in one run with its baselines:
 * <ol>
 *   <li>a generated CSV uploaded over HTTP into a data source whose pipeline (land, validate, publish) it triggers,
 *       timed from the first byte sent to the published version, against PostgreSQL {@code COPY} and DuckDB
 *       writing Parquet from the same file; the server runs with {@code -Xmx512m} and its heap is sampled from
 *       {@code /metrics} throughout;</li>
 *   <li>trigger to start: small uploads into a source with an upload-triggered pipeline, against the same uploads
 *       into a source with none; how fast uploads are taken, and how soon and how fast their runs start.</li>
 * </ol>
 * Arguments: server jar, rows (1,000,000), repetitions (2), small uploads (1,000).
 */
public final class ServerIngestBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    /**
     * Rows ingested {@value #WARM_UP_ROUNDS} times before timing, as {@code IngestBenchmark} does: a server has its
     * code compiled long before a pipeline runs, while a first 1M-row run in a fresh server took 10 s against 6 s for
     * the next, and the second and third timed runs were still a quarter slower than the later ones after one round.
     */
    private static final long WARM_UP_ROWS = 300_000;
    private static final int WARM_UP_ROUNDS = 3;

    private final HavenServerProcess server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    private ServerIngestBenchmark(HavenServerProcess server) {
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ServerIngestBenchmark SERVER_JAR [ROWS] [REPETITIONS] [SMALL_UPLOADS]");
            System.exit(2);
        }
        Path serverJar = Path.of(args[0]).toAbsolutePath();
        long rows = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 1_000_000;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int smallUploads = args.length > 3 ? Integer.parseInt(args[3]) : 1000;

        Path work = Files.createTempDirectory("haven-server-ingest-bench");
        Path csv = work.resolve("patient-visits.csv");
        long bytes = PatientVisitsCsv.generate(csv, rows);
        System.out.printf(Locale.ROOT, "generated %,d rows (12 columns: 2 DIRECT, 3 INDIRECT), %,d bytes%n", rows, bytes);
        Path warmUpCsv = work.resolve("warm-up.csv");
        PatientVisitsCsv.generate(warmUpCsv, Math.min(rows, WARM_UP_ROWS));
        DuckDbSettings duckDb = DuckDbSettings.defaults().withTempDirectory(work.resolve("duckdb-temp"));

        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        try (HavenServerProcess server = HavenServerProcess.start(serverJar, null, HavenServerProcess.jvmOptions("-Xmx512m"),
                environment(password))) {
            ServerIngestBenchmark bench = new ServerIngestBenchmark(server);
            bench.token = field(bench.call("POST", "/api/v1/auth/login", null,
                    "{\"username\":\"admin\",\"password\":\"" + password + "\"}", 200), "access_token");
            String tenant = bench.create("/api/v1/tenants", "{\"slug\":\"bench\",\"name\":\"Bench\"}");
            String dataset = bench.create("/api/v1/tenants/" + tenant + "/datasets",
                    "{\"name\":\"visits\",\"schema\":" + SchemaJson.write(PatientVisitsCsv.SCHEMA) + "}");
            String bulk = bench.create("/api/v1/tenants/" + tenant + "/sources", "{\"name\":\"bulk\"}");

            for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
                IngestResult warmUp = bench.ingest(tenant, dataset, bulk, warmUpCsv, round);
                System.out.printf(Locale.ROOT, "warm-up %d: %,d rows through the same pipeline in %.2f s (not counted)%n",
                        round, warmUp.rows, warmUp.totalNanos / 1e9);
            }
            List<Double> ratios = new ArrayList<>();
            for (int i = 1; i <= repetitions; i++) {
                Timing copy = CsvBaselines.postgresCopy(POSTGRES, csv, PatientVisitsCsv.POSTGRES_TABLE);
                Timing parquet = CsvBaselines.duckDbToParquet(duckDb, csv, PatientVisitsCsv.DUCKDB_COLUMNS,
                        work.resolve("baseline.parquet"));
                IngestResult haven = bench.ingest(tenant, dataset, bulk, csv, WARM_UP_ROUNDS + i);
                double ratio = haven.totalNanos / (double) copy.nanos();
                ratios.add(ratio);
                System.out.printf(Locale.ROOT, "repetition %d: PostgreSQL COPY %.2f s | DuckDB CSV -> Parquet %.2f s | "
                        + "Haven upload %.2f s + run %.2f s (queued -> started %.0f ms; %s) = %.2f s, %,d rows published | "
                        + "Haven / COPY %.2f, Haven / DuckDB %.2f | server heap peak %d MiB (-Xmx512m)%n", i,
                        copy.nanos() / 1e9, parquet.nanos() / 1e9, haven.uploadNanos / 1e9, haven.runNanos / 1e9,
                        haven.queuedToStartedMillis, haven.steps, haven.totalNanos / 1e9, haven.rows, ratio,
                        haven.totalNanos / (double) parquet.nanos(), haven.peakHeapBytes >> 20);
            }
            ratios.sort(null);
            int middle = ratios.size() / 2;
            double median = ratios.size() % 2 == 1 ? ratios.get(middle) : (ratios.get(middle - 1) + ratios.get(middle)) / 2;
            System.out.printf(Locale.ROOT, "pipeline / COPY: %s, median %.2f (goal < 2, stretch < 1.2)%n",
                    ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList(), median);

            if (smallUploads > 0) {
                bench.triggerToStart(tenant, smallUploads);
            }
        }
    }

    private static Map<String, String> environment(String password) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HAVEN_BOOTSTRAP_ADMIN_PASSWORD", password);
        environment.put("HAVEN_RATE_LIMIT_ADDRESS_CAPACITY", "1000000");
        environment.put("HAVEN_RATE_LIMIT_READ_CAPACITY", "1000000");
        environment.put("HAVEN_RATE_LIMIT_WRITE_CAPACITY", "1000000");
        environment.put("HAVEN_PIPELINE_POLL_INTERVAL", "100ms");
        return environment;
    }

    /** @param steps each step's id and seconds from its start to its end, in the order the run lists them */
    private record IngestResult(long uploadNanos, long runNanos, long totalNanos, double queuedToStartedMillis,
            long rows, long peakHeapBytes, String steps) {}

    /**
     * One upload of the file, after applying version {@code version} of the pipeline (so the same bytes start a new
     * run).
     */
    private IngestResult ingest(String tenant, String dataset, String source, Path csv, int version) throws Exception {
        call("POST", "/api/v1/tenants/" + tenant + "/pipelines", token, "{\"definition\":" + JSON.writeValueAsString("""
                name: ingest
                description: ingest %d
                triggers:
                  - upload: {source: bulk, glob: "*.csv"}
                steps:
                  - {id: land, type: land}
                  - {id: validate, type: validate, needs: [land], params: {dataset: %s, max_rejected_rows: 1000000}}
                  - {id: publish, type: publish, needs: [validate]}
                """.formatted(version, dataset)) + "}", 201);
        HeapSampler heap = new HeapSampler(server.uri("/metrics"));
        Thread sampler = new Thread(heap, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(server.uri("/api/v1/sources/" + source
                        + "/files?path=visits-" + version + ".csv"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());
        long uploaded = System.nanoTime();
        if (upload.statusCode() != 201) {
            throw new IllegalStateException("upload refused: " + upload.body());
        }
        JsonNode run = awaitRun(tenant, "ingest", version);
        long finished = System.nanoTime();
        heap.stop.set(true);
        sampler.join();
        if (!"SUCCEEDED".equals(run.path("run").path("status").asString())) {
            throw new IllegalStateException("run did not succeed: " + run);
        }
        JsonNode summary = run.path("run");
        double queuedToStarted = Duration.between(Instant.parse(summary.path("queued_at").asString()),
                Instant.parse(summary.path("started_at").asString())).toNanos() / 1e6;
        long rows = 0;
        List<String> steps = new ArrayList<>();
        for (JsonNode step : run.path("steps")) {
            if (step.path("step_id").asString().equals("publish")) {
                rows = step.path("output").path("rows").asLong();
            }
            steps.add(String.format(Locale.ROOT, "%s %.2f s", step.path("step_id").asString(),
                    Duration.between(Instant.parse(step.path("started_at").asString()),
                            Instant.parse(step.path("finished_at").asString())).toNanos() / 1e9));
        }
        return new IngestResult(uploaded - start, finished - uploaded, finished - start, queuedToStarted, rows,
                heap.peak.get(), String.join(", ", steps));
    }

    private JsonNode awaitRun(String tenant, String pipeline, int version) throws Exception {
        while (true) {
            JsonNode runs = JSON.readTree(call("GET", "/api/v1/tenants/" + tenant + "/runs?pipeline=" + pipeline, token,
                    null, 200)).path("items");
            for (JsonNode run : runs) {
                if (run.path("pipeline_version").asInt() == version) {
                    String status = run.path("status").asString();
                    if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(status)) {
                        return JSON.readTree(call("GET", "/api/v1/tenants/" + tenant + "/runs/"
                                + run.path("run_id").asString(), token, null, 200));
                    }
                }
            }
            Thread.sleep(50);
        }
    }

    /**
     * Small distinct uploads into a source without a pipeline (the baseline), then into one whose pipeline (one
     * {@code land} step) every upload triggers; waits until every run has started.
     */
    private void triggerToStart(String tenant, int uploads) throws Exception {
        String plain = create("/api/v1/tenants/" + tenant + "/sources", "{\"name\":\"plain\"}");
        String triggered = create("/api/v1/tenants/" + tenant + "/sources", "{\"name\":\"small\"}");
        call("POST", "/api/v1/tenants/" + tenant + "/pipelines", token, "{\"definition\":" + JSON.writeValueAsString("""
                name: tiny
                concurrency: 64
                triggers:
                  - upload: {source: small, glob: "*.csv"}
                steps:
                  - {id: land, type: land}
                """) + "}", 201);
        double plainSeconds = uploadSmallFiles(plain, uploads, "plain");
        long start = System.nanoTime();
        double triggeredSeconds = uploadSmallFiles(triggered, uploads, "triggered");
        List<JsonNode> runs = awaitAllStarted(tenant, uploads);
        double allStartedSeconds = (System.nanoTime() - start) / 1e9;
        List<Double> delays = new ArrayList<>();
        for (JsonNode run : runs) {
            delays.add(Duration.between(Instant.parse(run.path("queued_at").asString()),
                    Instant.parse(run.path("started_at").asString())).toNanos() / 1e6);
        }
        delays.sort(null);
        System.out.printf(Locale.ROOT, "trigger to start, %,d small uploads from one client: without a pipeline "
                + "%.0f uploads/s | with an upload-triggered pipeline %.0f uploads/s (ratio %.2f), every run started "
                + "%.1f s after the first upload: %.0f runs started/s | queued -> started p50 %.0f ms, p95 %.0f ms, "
                + "max %.0f ms%n", uploads, uploads / plainSeconds, uploads / triggeredSeconds,
                plainSeconds / triggeredSeconds, allStartedSeconds, uploads / allStartedSeconds,
                delays.get(delays.size() / 2), delays.get((int) (delays.size() * 0.95)), delays.get(delays.size() - 1));
    }

    private double uploadSmallFiles(String source, int uploads, String prefix) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < uploads; i++) {
            String content = "nhs_number,visits\n" + prefix + "-" + i + "," + i + "\n";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.uri("/api/v1/sources/" + source
                            + "/files?path=" + prefix + "-" + i + ".csv"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(content)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("upload refused: " + response.body());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private List<JsonNode> awaitAllStarted(String tenant, int expected) throws Exception {
        while (true) {
            List<JsonNode> runs = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = JSON.readTree(call("GET", "/api/v1/tenants/" + tenant + "/runs?pipeline=tiny&limit=500"
                        + (cursor == null ? "" : "&cursor=" + cursor), token, null, 200));
                page.path("items").forEach(runs::add);
                cursor = page.path("next_cursor").isString() ? page.path("next_cursor").asString() : null;
            } while (cursor != null);
            if (runs.size() >= expected && runs.stream().allMatch(run -> run.path("started_at").isString())) {
                return runs;
            }
            Thread.sleep(100);
        }
    }

    private static String field(String json, String name) {
        return JSON.readTree(json).path(name).asString();
    }

    private String create(String path, String body) throws Exception {
        return field(call("POST", path, token, body, 201), "id");
    }

    private String call(String method, String path, String bearer, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** The server's heap in use, summed over its pools, from its Prometheus metrics (readable from loopback). */
    private static final class HeapSampler implements Runnable {

        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong peak = new AtomicLong();
        private final URI metrics;
        private final HttpClient http = HttpClient.newHttpClient();

        HeapSampler(URI metrics) {
            this.metrics = metrics;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                try {
                    String body = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
                    long used = body.lines().filter(line -> line.startsWith("jvm_memory_used_bytes{")
                                    && line.contains("area=\"heap\""))
                            .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                            .sum();
                    peak.accumulateAndGet(used, Math::max);
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    // A missed sample; the next one follows.
                }
            }
        }
    }
}
