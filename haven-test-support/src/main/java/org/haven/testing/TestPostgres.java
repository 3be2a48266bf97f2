package org.haven.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The two PostgreSQL servers every persistence suite runs against.
 *
 * <ul>
 *   <li>{@link #embedded()}: a private PostgreSQL 18 started once per test JVM from the Maven-shipped binaries,
 *       the same kind Haven runs by default.</li>
 *   <li>{@link #external()}: the machine's PostgreSQL on 127.0.0.1:5432 (user {@code postgres}, database
 *       {@code test}), standing in for a production server. When it is unreachable the test is skipped, unless
 *       the system property or environment variable {@value #REQUIRE_EXTERNAL} is true, as it is in CI: there a
 *       missing server fails the build instead of quietly skipping it.</li>
 * </ul>
 *
 * Each call creates a new schema, so suites can run side by side on one server without seeing each other.
 */
public final class TestPostgres {

    public static final String REQUIRE_EXTERNAL = "haven.test.requireExternalPostgres";

    private static final String EXTERNAL_HOST = env("HAVEN_TEST_PG_HOST", "127.0.0.1");
    private static final int EXTERNAL_PORT = Integer.parseInt(env("HAVEN_TEST_PG_PORT", "5432"));
    private static final String EXTERNAL_DATABASE = env("HAVEN_TEST_PG_DATABASE", "test");
    private static final String EXTERNAL_USER = env("HAVEN_TEST_PG_USER", "postgres");

    private static EmbeddedPostgres embeddedServer;

    private TestPostgres() {}

    /** A fresh schema in the shared embedded PostgreSQL of this JVM. */
    public static TestDatabase embedded() {
        EmbeddedPostgres server = embeddedServer();
        return createSchema(new TestDatabase("embedded", "localhost", server.getPort(), "postgres", "postgres", newSchemaName()));
    }

    /** A fresh schema in the machine's PostgreSQL; skips (or fails, when required) if it is not there. */
    public static TestDatabase external() {
        String url = "jdbc:postgresql://" + EXTERNAL_HOST + ":" + EXTERNAL_PORT + "/" + EXTERNAL_DATABASE;
        Properties properties = new Properties();
        properties.setProperty("user", EXTERNAL_USER);
        properties.setProperty("connectTimeout", "5");
        try (Connection ignored = DriverManager.getConnection(url, properties)) {
            // reachable
        } catch (SQLException e) {
            String reason = "external PostgreSQL at " + url + " is not reachable: " + e.getMessage();
            if (externalRequired()) {
                throw new IllegalStateException(reason + " (" + REQUIRE_EXTERNAL + " is set, so this fails instead of skipping)", e);
            }
            Assumptions.abort(reason);
        }
        return createSchema(new TestDatabase("external", EXTERNAL_HOST, EXTERNAL_PORT, EXTERNAL_DATABASE, EXTERNAL_USER, newSchemaName()));
    }

    public static boolean externalRequired() {
        String value = System.getProperty(REQUIRE_EXTERNAL);
        if (value == null || value.isBlank()) {
            value = System.getenv("HAVEN_TEST_REQUIRE_EXTERNAL_PG");
        }
        return value != null && Boolean.parseBoolean(value.trim());
    }

    private static synchronized EmbeddedPostgres embeddedServer() {
        if (embeddedServer == null) {
            try {
                Path workingDirectory = Path.of(System.getProperty("java.io.tmpdir"), "haven-test-pg-binaries");
                Files.createDirectories(workingDirectory);
                Path dataDirectory = Files.createTempDirectory("haven-test-pg-data");
                embeddedServer = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(workingDirectory.toFile())
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(true)
                        .start();
                EmbeddedPostgres started = embeddedServer;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is going away; the data directory is temporary
                    }
                }, "haven-test-pg-shutdown"));
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL for tests", e);
            }
        }
        return embeddedServer;
    }

    private static TestDatabase createSchema(TestDatabase database) {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + database.schema());
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test schema in " + database, e);
        }
        return database;
    }

    private static String newSchemaName() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
