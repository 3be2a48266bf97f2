package org.haven.datasets;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How every DuckDB connection of this module is configured. DuckDB spills to {@code tempDirectory} when a query
 * needs more than {@code memoryLimitBytes}, so memory stays bounded whatever the size of a dataset; this memory is
 * native and comes on top of the JVM heap.
 *
 * @param memoryLimitBytes DuckDB's {@code memory_limit}; at least 64 MiB
 * @param threads DuckDB's {@code threads}; at least 1
 * @param tempDirectory where DuckDB spills and where this module stages files; created when missing
 */
public record DuckDbSettings(long memoryLimitBytes, int threads, Path tempDirectory) {

    public static final long MIN_MEMORY_LIMIT_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_MEMORY_LIMIT_BYTES = 512L * 1024 * 1024;

    public DuckDbSettings {
        if (memoryLimitBytes < MIN_MEMORY_LIMIT_BYTES) {
            throw new IllegalArgumentException("memoryLimitBytes must be at least " + MIN_MEMORY_LIMIT_BYTES);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        Objects.requireNonNull(tempDirectory, "tempDirectory");
        tempDirectory = tempDirectory.toAbsolutePath().normalize();
    }

    /**
     * 512 MiB, as many threads as processors (at most 4: more rarely helps a single Parquet write), and a
     * {@code haven-duckdb} folder under {@code java.io.tmpdir}.
     */
    public static DuckDbSettings defaults() {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        return new DuckDbSettings(DEFAULT_MEMORY_LIMIT_BYTES, threads,
                Path.of(System.getProperty("java.io.tmpdir"), "haven-duckdb"));
    }

    public DuckDbSettings withTempDirectory(Path newTempDirectory) {
        return new DuckDbSettings(memoryLimitBytes, threads, newTempDirectory);
    }
}
