package org.haven.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.haven.datasets.internal.Sql;

/**
 * One configured DuckDB connection, in memory or on a temporary database file; everything in this module (and any
 * other that queries dataset versions) opens DuckDB through here so that the same rules always hold:
 *
 * <ul>
 *   <li>extensions are never installed or loaded automatically, so nothing is downloaded (parquet, json and csv are
 *       built in);</li>
 *   <li>{@code memory_limit}, {@code threads} and {@code temp_directory} come from {@link DuckDbSettings};</li>
 *   <li>the time zone is UTC, so TIMESTAMPTZ values render the same on every machine;</li>
 *   <li>insertion order is preserved, so the same rows give the same files in the same order;</li>
 *   <li>results stream from JDBC instead of being materialised;</li>
 *   <li>then the configuration is locked: no later statement can change any of it.</li>
 * </ul>
 *
 * Not thread-safe: one session per task. Closing it closes the connection and deletes its database file.
 */
public final class DuckDbSession implements AutoCloseable {

    static {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final DuckDbSettings settings;
    private final Connection connection;
    private final Path databaseFile;

    private DuckDbSession(DuckDbSettings settings, Connection connection, Path databaseFile) {
        this.settings = settings;
        this.connection = connection;
        this.databaseFile = databaseFile;
    }

    /** A session on an in-memory database (which still spills to the temp directory under memory pressure). */
    public static DuckDbSession inMemory(DuckDbSettings settings) {
        return open(settings, null);
    }

    /** A session on a new database file in the temp directory, for work that builds large tables; deleted on close. */
    public static DuckDbSession onTemporaryFile(DuckDbSettings settings) {
        try {
            Files.createDirectories(settings.tempDirectory());
            Path file = Files.createTempFile(settings.tempDirectory(), "session-", ".duckdb");
            Files.delete(file);
            return open(settings, file);
        } catch (IOException e) {
            throw new DatasetException(DatasetException.Problem.STORAGE_FAILED,
                    "cannot create a DuckDB database file in the temp directory", e);
        }
    }

    private static DuckDbSession open(DuckDbSettings settings, Path databaseFile) {
        Connection connection = null;
        try {
            Files.createDirectories(settings.tempDirectory());
            Properties properties = new Properties();
            properties.setProperty("jdbc_stream_results", "true");
            String url = databaseFile == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + databaseFile;
            connection = DriverManager.getConnection(url, properties);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET autoinstall_known_extensions = false");
                statement.execute("SET autoload_known_extensions = false");
                statement.execute("SET memory_limit = '" + settings.memoryLimitBytes() / 1024 + "KiB'");
                statement.execute("SET threads = " + settings.threads());
                statement.execute("SET temp_directory = " + Sql.literal(settings.tempDirectory().toString()));
                statement.execute("SET TimeZone = 'UTC'");
                statement.execute("SET preserve_insertion_order = true");
                statement.execute("SET lock_configuration = true");
            }
            return new DuckDbSession(settings, connection, databaseFile);
        } catch (SQLException | IOException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
            }
            throw new DatasetException(DatasetException.Problem.STORAGE_FAILED, "cannot open a DuckDB session", e);
        }
    }

    public DuckDbSettings settings() {
        return settings;
    }

    /** The connection; owned by this session, do not close it directly. */
    public Connection connection() {
        return connection;
    }

    /** Runs one statement that returns no rows. */
    public void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DatasetException(DatasetException.Problem.STORAGE_FAILED, "cannot close the DuckDB session", e);
        } finally {
            if (databaseFile != null) {
                deleteQuietly(databaseFile);
                deleteQuietly(Path.of(databaseFile + ".wal"));
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover file in the temp directory is harmless; failing the caller's work over it is not.
        }
    }
}
