package org.haven.bench.ingest;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.haven.datasets.DuckDbSession;
import org.haven.datasets.DuckDbSettings;
import org.postgresql.PGConnection;

/**
 * The baselines an ingest path is measured against, on the same file in the same run: PostgreSQL {@code COPY} into
 * an equivalent table, and DuckDB reading the CSV (a count, and a full typed read into Parquet).
 */
public final class CsvBaselines {

    /**
     * Wall time, CPU time (of every process doing the work, as far as it can be measured) and the rows covered.
     */
    public record Timing(String name, long nanos, long cpuNanos, long rows) {

        public double cpuSeconds() {
            return cpuNanos / 1e9;
        }

        public double seconds() {
            return nanos / 1e9;
        }

        public double rowsPerSecond() {
            return rows / seconds();
        }
    }

    private CsvBaselines() {
    }

    /**
     * {@code COPY table FROM STDIN (FORMAT csv, HEADER true)} through the JDBC driver's CopyManager into a new table
     * in a schema of its own, which is dropped afterwards.
     *
     * @param jdbcUrl for example {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
     * @param table the column list, such as {@link PatientVisitsCsv#POSTGRES_TABLE}
     */
    public static Timing postgresCopy(String jdbcUrl, Path csv, String table) throws SQLException, IOException {
        String schema = "bench_copy_" + ProcessHandle.current().pid();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
            try {
                statement.execute("CREATE TABLE " + schema + ".rows " + table);
                long backend;
                try (ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
                    result.next();
                    backend = result.getLong(1);
                }
                long backendCpu = CpuTime.processNanos(backend);
                long clientCpu = CpuTime.thisProcessNanos();
                long start = System.nanoTime();
                long rows;
                try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                    rows = connection.unwrap(PGConnection.class).getCopyAPI()
                            .copyIn("COPY " + schema + ".rows FROM STDIN (FORMAT csv, HEADER true)", reader);
                }
                long nanos = System.nanoTime() - start;
                long cpu = CpuTime.processNanos(backend) - backendCpu + CpuTime.thisProcessNanos() - clientCpu;
                return new Timing("PostgreSQL COPY", nanos, cpu, rows);
            } finally {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** DuckDB's {@code SELECT count(*) FROM read_csv(...)} with the column types declared. */
    public static Timing duckDbCount(DuckDbSettings settings, Path csv, String columns) throws SQLException {
        try (DuckDbSession session = DuckDbSession.inMemory(settings);
                Statement statement = session.connection().createStatement()) {
            long cpu = CpuTime.thisProcessNanos();
            long start = System.nanoTime();
            long rows;
            try (ResultSet result = statement.executeQuery("SELECT count(*) FROM " + readCsv(csv, columns))) {
                result.next();
                rows = result.getLong(1);
            }
            return new Timing("DuckDB count(*) read_csv", System.nanoTime() - start,
                    CpuTime.thisProcessNanos() - cpu, rows);
        }
    }

    /** DuckDB reading the whole CSV, typed, into one zstd Parquet file. */
    public static Timing duckDbToParquet(DuckDbSettings settings, Path csv, String columns, Path parquet)
            throws SQLException, IOException {
        Files.deleteIfExists(parquet);
        try (DuckDbSession session = DuckDbSession.inMemory(settings);
                Statement statement = session.connection().createStatement()) {
            long cpu = CpuTime.thisProcessNanos();
            long start = System.nanoTime();
            statement.execute("COPY (SELECT * FROM " + readCsv(csv, columns) + ") TO '" + parquet
                    + "' (FORMAT parquet, COMPRESSION zstd)");
            long nanos = System.nanoTime() - start;
            cpu = CpuTime.thisProcessNanos() - cpu;
            long rows;
            try (ResultSet result = statement.executeQuery("SELECT count(*) FROM read_parquet('" + parquet + "')")) {
                result.next();
                rows = result.getLong(1);
            }
            return new Timing("DuckDB read_csv -> Parquet", nanos, cpu, rows);
        } finally {
            Files.deleteIfExists(parquet);
        }
    }

    private static String readCsv(Path csv, String columns) {
        return "read_csv('" + csv.toAbsolutePath() + "', header = true, auto_detect = false, columns = " + columns
                + ", quote = '\"', escape = '\"')";
    }
}
