package org.haven.bench.ingest;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.haven.datasets.DatasetVersionWriter;
import org.haven.datasets.DuckDbSession;
import org.haven.datasets.DuckDbSettings;
import org.haven.datasets.ExportFormat;
import org.haven.datasets.VersionExport;

/**
 * Runs {@link HavenIngestPath} once in its own JVM (started by {@link IngestBenchmark} with a small {@code -Xmx})
 * after a warm-up on a small file, and prints one {@code RESULT} line: rows, rejected rows, wall time, heap peaks, the
 * time to de-identify the version as the {@code deidentify} step would, and the time to export it as CSV. Arguments: the CSV file and an empty working directory.
 */
public final class HavenIngestProcess {

    /**
     * Warm-up rounds on the small file, each through every timed path: after one round a 1M-row ingest still ran a
     * quarter slower than in later runs of the same JVM, so the paths timed first looked slower than those after.
     */
    private static final int WARM_UP_ROUNDS = 3;

    private HavenIngestProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        Path work = Path.of(args[1]);
        DuckDbSettings settings = DuckDbSettings.defaults().withTempDirectory(work.resolve("duckdb-temp"));
        warmUp(work, settings);
        Path version = work.resolve("version");
        HavenIngestPath.Result result;
        long peakUsed;
        long peakLive;
        long cpu;
        try (HeapWatch heap = new HeapWatch()) {
            cpu = CpuTime.thisProcessNanos();
            result = HavenIngestPath.run(csv, PatientVisitsCsv.SCHEMA, version, settings);
            cpu = CpuTime.thisProcessNanos() - cpu;
            peakUsed = heap.peakUsed();
            peakLive = heap.peakAfterGc();
        }
        long deidentifyCpu = CpuTime.thisProcessNanos();
        HavenDeidentifyPath.Result deidentified = HavenDeidentifyPath.run(version, result.manifest(),
                work.resolve("deidentified"), settings);
        deidentifyCpu = CpuTime.thisProcessNanos() - deidentifyCpu;
        long insideCpu = CpuTime.thisProcessNanos();
        HavenIngestPath.Result inside = HavenDeidentifyPath.runInsideValidate(csv, PatientVisitsCsv.SCHEMA,
                work.resolve("deidentified-inside"), settings);
        insideCpu = CpuTime.thisProcessNanos() - insideCpu;
        deleteTree(work.resolve("deidentified-inside"));
        long exportStart = System.nanoTime();
        long exportBytes;
        try (DuckDbSession session = DuckDbSession.inMemory(settings);
                OutputStream sink = OutputStream.nullOutputStream()) {
            exportBytes = VersionExport.export(session, version, result.manifest(), ExportFormat.CSV, List.of(), sink);
        }
        long exportNanos = System.nanoTime() - exportStart;
        long parquetBytes = result.manifest().files().stream().mapToLong(file -> file.bytes()).sum();
        System.out.println("RESULT rows=" + result.rows() + " rejected=" + result.rejected() + " nanos="
                + result.nanos() + " cpuNanos=" + cpu + " peakHeapUsed=" + peakUsed + " peakHeapLive=" + peakLive
                + " maxHeap=" + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax()
                + " files=" + result.manifest().files().size() + " parquetBytes=" + parquetBytes
                + " exportNanos=" + exportNanos + " exportBytes=" + exportBytes
                + " deidentifyNanos=" + deidentified.nanos() + " deidentifyCpuNanos=" + deidentifyCpu
                + " deidentifiedRows=" + deidentified.rows() + " insideNanos=" + inside.nanos()
                + " insideCpuNanos=" + insideCpu + " insideRows=" + (inside.rows() - inside.rejected()));
        deleteTree(work.resolve("deidentified"));
        Files.deleteIfExists(version.resolve("manifest.json"));
        deleteTree(version.resolve(DatasetVersionWriter.DATA_FOLDER));
    }

    /**
     * A server is a long-lived process: DuckDB's native library is loaded (seconds, once per process) and the hot
     * code compiled long before a pipeline runs. Do both on a small file so that the timed run measures the work.
     */
    private static void warmUp(Path work, DuckDbSettings settings) throws java.io.IOException {
        Path csv = work.resolve("warm-up.csv");
        Path version = work.resolve("warm-up");
        PatientVisitsCsv.generate(csv, 300_000);
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            HavenIngestPath.Result warm = HavenIngestPath.run(csv, PatientVisitsCsv.SCHEMA, version, settings);
            HavenDeidentifyPath.run(version, warm.manifest(), work.resolve("warm-up-deidentified"), settings);
            deleteTree(work.resolve("warm-up-deidentified"));
            HavenDeidentifyPath.runInsideValidate(csv, PatientVisitsCsv.SCHEMA, work.resolve("warm-up-inside"),
                    settings);
            deleteTree(work.resolve("warm-up-inside"));
            deleteTree(version.getParent().resolve("warm-up.rejects.ndjson"));
            deleteTree(version);
        }
        Files.delete(csv);
    }

    private static void deleteTree(Path folder) throws java.io.IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
