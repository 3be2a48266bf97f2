package org.haven.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.haven.datasets.DatasetException.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionSqlTest {

    @TempDir
    Path temp;
    DuckDbSession session;
    Path version;
    DatasetManifest manifest;

    @BeforeEach
    void writeAVersion() {
        session = DuckDbSession.inMemory(TestVersions.settings(temp));
        version = temp.resolve("v1");
        manifest = TestVersions.manifest(TestVersions.ALL_TYPES, TestVersions.write(session, TestVersions.ALL_TYPES,
                version, TestVersions.typed(TestVersions.ALL_TYPES, RoundTripTest.edgeRows())));
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void aStatementOverTheVersionBindsEveryValue() throws SQLException {
        String sql = "SELECT count(*) FROM " + VersionSql.scan(version, manifest) + " WHERE "
                + VersionSql.column(manifest, "WEIGHT") + " >= ? AND " + VersionSql.column(manifest, "seen_at")
                + " > CAST(? AS TIMESTAMPTZ) AND " + VersionSql.column(manifest, "birth_date") + " >= CAST(? AS DATE)";
        try (PreparedStatement statement = session.connection().prepareStatement(sql)) {
            statement.setBigDecimal(1, new BigDecimal("0"));
            statement.setString(2, "2024-01-01T00:00:00-08:00");
            statement.setString(3, "2024-01-01");
            assertThat(count(statement)).as("born 2024-02-29, weighing 0, seen 2024-05-01; not the one seen at exactly that instant").isEqualTo(1);
        }
    }

    @Test
    void aQuoteInABoundValueIsAValueNotSql() throws SQLException {
        String sql = "SELECT count(*) FROM " + VersionSql.scan(version, manifest) + " WHERE "
                + VersionSql.column(manifest, "sex") + " = ?";
        try (PreparedStatement statement = session.connection().prepareStatement(sql)) {
            statement.setString(1, "F' OR '1'='1");
            assertThat(count(statement)).isZero();
        }
    }

    @Test
    void onlyFieldsOfTheSchemaBecomeColumns() {
        assertThat(VersionSql.column(manifest, "Nhs_Number")).isEqualTo("\"nhs_number\"");
        assertThatThrownBy(() -> VersionSql.column(manifest, "sex\" OR 1=1 --"))
                .isInstanceOfSatisfying(DatasetException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_COLUMN));
        assertThatThrownBy(() -> VersionSql.column(manifest, null)).isInstanceOf(DatasetException.class);
    }

    private static long count(PreparedStatement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }
}
