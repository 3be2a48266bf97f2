package org.haven.bench.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.haven.bench.ingest.CsvBaselines.Timing;
import org.haven.datasets.DuckDbSettings;

/**
 * Times, on one generated CSV and in one run: PostgreSQL {@code COPY}, DuckDB reading the file, and Haven's ingest
 * path (read, validate, write Parquet, manifest) in a child JVM with {@code -Xmx512m}; prints medians and the
 * ratios to COPY.
 *
 * <p>Arguments (all optional): rows (1,000,000), repetitions (3), working directory (a new temporary one),
 * PostgreSQL JDBC URL ({@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}).
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = args.length > 2 ? Files.createDirectories(Path.of(args[2]))
                : Files.createTempDirectory("haven-ingest-bench");
        String postgres = args.length > 3 ? args[3] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        DuckDbSettings duckDb = DuckDbSettings.defaults().withTempDirectory(work.resolve("duckdb-temp"));

        Path csv = work.resolve("patient-visits.csv");
        long generateStart = System.nanoTime();
        long bytes = PatientVisitsCsv.generate(csv, rows);
        System.out.printf(Locale.ROOT, "generated %,d rows, %,d bytes in %.1f s: %s%n", rows, bytes,
                (System.nanoTime() - generateStart) / 1e9, csv);

        List<Timing> copy = new ArrayList<>();
        List<Timing> count = new ArrayList<>();
        List<Timing> parquet = new ArrayList<>();
        List<Map<String, Long>> haven = new ArrayList<>();
        for (int i = 1; i <= repetitions; i++) {
            copy.add(print(CsvBaselines.postgresCopy(postgres, csv, PatientVisitsCsv.POSTGRES_TABLE)));
            count.add(print(CsvBaselines.duckDbCount(duckDb, csv, PatientVisitsCsv.DUCKDB_COLUMNS)));
            parquet.add(print(CsvBaselines.duckDbToParquet(duckDb, csv, PatientVisitsCsv.DUCKDB_COLUMNS,
                    work.resolve("duckdb-baseline.parquet"))));
            Map<String, Long> result = runHaven(csv, Files.createDirectories(work.resolve("haven-" + i)));
            System.out.printf(Locale.ROOT, "  Haven read+validate+write+manifest: %.2f s, CPU %.2f s (%,d rows, %,d"
                    + " rejected), heap peak %d MiB used / %d MiB live, CSV export %.2f s%n", result.get("nanos") / 1e9,
                    result.get("cpuNanos") / 1e9, result.get("rows"), result.get("rejected"), result.get("peakHeapUsed") >> 20,
                    result.get("peakHeapLive") >> 20, result.get("exportNanos") / 1e9);
            haven.add(result);
            System.out.printf(Locale.ROOT, "  this repetition: Haven / COPY = %.2f wall, %.2f CPU%n",
                    result.get("nanos") / 1e9 / copy.get(i - 1).seconds(),
                    result.get("cpuNanos") / 1e9 / copy.get(i - 1).cpuSeconds());
        }

        double copySeconds = median(copy, Timing::seconds);
        double copyCpu = median(copy, Timing::cpuSeconds);
        double havenSeconds = median(haven, result -> result.get("nanos") / 1e9);
        System.out.println();
        System.out.printf(Locale.ROOT, "median of %d, %,d rows x 12 columns, %,d bytes; JDK %s, %d processors%n",
                repetitions, rows, bytes, Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "| %-46s | %8s | %12s | %9s | %8s | %9s |%n", "path", "wall s", "rows/s",
                "x COPY", "CPU s", "CPU x COPY");
        line("PostgreSQL COPY (CopyManager)", copySeconds, copyCpu, rows, copySeconds, copyCpu);
        line("DuckDB count(*) read_csv", median(count, Timing::seconds), median(count, Timing::cpuSeconds), rows,
                copySeconds, copyCpu);
        line("DuckDB read_csv -> Parquet (zstd)", median(parquet, Timing::seconds),
                median(parquet, Timing::cpuSeconds), rows, copySeconds, copyCpu);
        line("Haven read -> validate -> Parquet -> manifest", havenSeconds,
                median(haven, result -> result.get("cpuNanos") / 1e9), rows, copySeconds, copyCpu);
        List<Double> paired = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            paired.add(haven.get(i).get("nanos") / 1e9 / copy.get(i).seconds());
        }
        System.out.printf(Locale.ROOT, "Haven / COPY wall time within each repetition (the machine's load changes"
                + " less within one): median %.2f, best %.2f, all %s%n", median(paired, Double::doubleValue),
                paired.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                paired.stream().map(ratio -> String.format(Locale.ROOT, "%.2f", ratio)).toList());
        System.out.printf(Locale.ROOT, "Haven export of the version as CSV: %.2f s (%.2f x COPY)%n",
                median(haven, result -> result.get("exportNanos") / 1e9),
                median(haven, result -> result.get("exportNanos") / 1e9) / copySeconds);
        List<Double> shares = new ArrayList<>();
        for (Map<String, Long> result : haven) {
            shares.add((double) result.get("deidentifyNanos") / (result.get("nanos") + result.get("deidentifyNanos")));
        }
        System.out.printf(Locale.ROOT, "Haven deidentify (version -> standard policy, DIRECT fields tokenised -> Parquet):"
                + " %.2f s, CPU %.2f s; share of ingest + deidentify: median %.1f %%, all %s%n",
                median(haven, result -> result.get("deidentifyNanos") / 1e9),
                median(haven, result -> result.get("deidentifyCpuNanos") / 1e9),
                median(shares, Double::doubleValue) * 100,
                shares.stream().map(share -> String.format(Locale.ROOT, "%.1f%%", share * 100)).toList());
        List<Double> insideShares = new ArrayList<>();
        for (Map<String, Long> result : haven) {
            insideShares.add((double) (result.get("insideNanos") - result.get("nanos")) / result.get("insideNanos"));
        }
        System.out.printf(Locale.ROOT, "Haven validate with the standard policy applied inside (only the de-identified"
                + " version written, %,d rows): %.2f s, CPU %.2f s; de-identification's share of that ingest"
                + " ((inside - plain) / inside): median %.1f %%, all %s%n", haven.get(0).get("insideRows"),
                median(haven, result -> result.get("insideNanos") / 1e9),
                median(haven, result -> result.get("insideCpuNanos") / 1e9),
                median(insideShares, Double::doubleValue) * 100,
                insideShares.stream().map(share -> String.format(Locale.ROOT, "%.1f%%", share * 100)).toList());
        System.out.printf(Locale.ROOT, "Haven JVM -Xmx512m: heap peak %d MiB used (garbage included), %d MiB live"
                + " after GC; Parquet %,d bytes in %d file(s)%n",
                haven.stream().mapToLong(result -> result.get("peakHeapUsed")).max().orElse(0) >> 20,
                haven.stream().mapToLong(result -> result.get("peakHeapLive")).max().orElse(0) >> 20,
                haven.get(0).get("parquetBytes"), haven.get(0).get("files"));
        deleteTree(work);
    }

    private static Map<String, Long> runHaven(Path csv, Path work) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                HavenIngestProcess.class.getName(), csv.toString(), work.toString())
                .redirectErrorStream(true).start();
        Map<String, Long> result = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                if (line.startsWith("RESULT ")) {
                    result = new HashMap<>();
                    for (String pair : line.substring("RESULT ".length()).split(" ")) {
                        String[] parts = pair.split("=");
                        result.put(parts[0], Long.parseLong(parts[1]));
                    }
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || result == null) {
            throw new IllegalStateException("the Haven run failed (exit " + exit + "):\n" + String.join("\n", output));
        }
        return result;
    }

    private static Timing print(Timing timing) {
        System.out.printf(Locale.ROOT, "  %s: %.2f s, CPU %.2f s (%,d rows)%n", timing.name(), timing.seconds(),
                timing.cpuSeconds(), timing.rows());
        return timing;
    }

    private static void line(String name, double seconds, double cpuSeconds, long rows, double copySeconds,
            double copyCpu) {
        System.out.printf(Locale.ROOT, "| %-46s | %8.2f | %,12.0f | %9.2f | %8.2f | %9.2f |%n", name, seconds,
                rows / seconds, seconds / copySeconds, cpuSeconds, cpuSeconds / copyCpu);
    }

    private static <T> double median(List<T> values, ToDoubleFunction<T> metric) {
        double[] sorted = values.stream().mapToDouble(metric).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
