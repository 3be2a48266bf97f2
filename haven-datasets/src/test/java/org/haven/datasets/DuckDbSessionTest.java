package org.haven.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbSessionTest {

    @TempDir
    Path temp;

    @Test
    void appliesTheSettingsAndNeverAutoloadsExtensions() throws SQLException {
        try (DuckDbSession session = DuckDbSession.inMemory(TestVersions.settings(temp))) {
            assertThat(setting(session, "autoload_known_extensions")).isEqualTo("false");
            assertThat(setting(session, "autoinstall_known_extensions")).isEqualTo("false");
            assertThat(setting(session, "threads")).isEqualTo("2");
            assertThat(setting(session, "memory_limit")).isEqualTo("256.0 MiB");
            assertThat(setting(session, "temp_directory")).isEqualTo(temp.resolve("duckdb-temp").toString());
            assertThat(setting(session, "TimeZone")).isEqualTo("UTC");
        }
    }

    @Test
    void refusesToAutoloadExtensions() {
        try (DuckDbSession session = DuckDbSession.inMemory(TestVersions.settings(temp))) {
            // S3 paths would autoload httpfs; reading them must fail at once instead.
            assertThatThrownBy(() -> session.execute("SELECT * FROM read_parquet('s3://bucket/x.parquet')"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> session.execute("LOAD httpfs")).isInstanceOf(SQLException.class);
            // A function of a known but absent extension fails instead of fetching the extension.
            assertThatThrownBy(() -> session.execute("SELECT * FROM read_xlsx('" + temp.resolve("a.xlsx") + "')"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void theConfigurationIsLocked() {
        try (DuckDbSession session = DuckDbSession.inMemory(TestVersions.settings(temp))) {
            assertThatThrownBy(() -> session.execute("SET autoload_known_extensions = true"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("locked");
            assertThatThrownBy(() -> session.execute("SET memory_limit = '64GB'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("locked");
            assertThatThrownBy(() -> session.execute("SET lock_configuration = false"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aFileSessionDeletesItsDatabaseOnClose() throws Exception {
        DuckDbSettings settings = TestVersions.settings(temp);
        try (DuckDbSession session = DuckDbSession.onTemporaryFile(settings)) {
            session.execute("CREATE TABLE t AS SELECT range AS n FROM range(1000)");
            assertThat(databaseFiles(settings)).isPositive();
        }
        assertThat(databaseFiles(settings)).isZero();
    }

    @Test
    void settingsRefuseValuesThatCannotWork() {
        assertThatThrownBy(() -> new DuckDbSettings(1024, 1, temp)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DuckDbSettings(DuckDbSettings.DEFAULT_MEMORY_LIMIT_BYTES, 0, temp))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long databaseFiles(DuckDbSettings settings) throws Exception {
        try (Stream<Path> files = Files.list(settings.tempDirectory())) {
            return files.filter(file -> file.getFileName().toString().startsWith("session-")).count();
        }
    }

    private static String setting(DuckDbSession session, String name) throws SQLException {
        try (Statement statement = session.connection().createStatement();
                ResultSet result = statement.executeQuery("SELECT current_setting('" + name + "')")) {
            result.next();
            return result.getString(1);
        }
    }
}
