package org.haven.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.haven.datasets.DatasetException.Problem;
import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.schema.RecordResult;
import org.haven.schema.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetVersionWriterTest {

    static final Schema SMALL = Schema.of(
            Field.of("id", DataType.INTEGER, IdentifierType.NON_ID),
            Field.of("note", DataType.STRING, IdentifierType.NON_ID),
            Field.of("amount", DataType.DECIMAL, IdentifierType.NON_ID));

    @TempDir
    Path temp;
    DuckDbSession session;

    @BeforeEach
    void open() {
        session = DuckDbSession.inMemory(TestVersions.settings(temp));
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void columnTypesFollowTheSchema() throws SQLException {
        List<Map<String, Object>> rows = TestVersions.typed(TestVersions.ALL_TYPES, RoundTripTest.edgeRows());
        WrittenVersion written = TestVersions.write(session, TestVersions.ALL_TYPES, temp.resolve("v"), rows);

        Map<String, String> types = new HashMap<>();
        try (Statement statement = session.connection().createStatement();
                ResultSet result = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet('"
                        + temp.resolve("v").resolve(written.files().get(0).path()) + "')")) {
            while (result.next()) {
                types.put(result.getString("column_name"), result.getString("column_type"));
            }
        }
        assertThat(types).containsEntry("nhs_number", "VARCHAR").containsEntry("email", "VARCHAR")
                .containsEntry("postcode", "VARCHAR").containsEntry("sex", "VARCHAR").containsEntry("note", "VARCHAR")
                .containsEntry("visits", "BIGINT").containsEntry("weight", "DECIMAL(38,9)")
                .containsEntry("smoker", "BOOLEAN").containsEntry("birth_date", "DATE")
                .containsEntry("seen_at", "TIMESTAMP WITH TIME ZONE");
        assertThat(written.rowCount()).isEqualTo(rows.size());
        assertThat(written.files()).singleElement().satisfies(file -> {
            assertThat(file.path()).isEqualTo("data/part-0.parquet");
            assertThat(file.rows()).isEqualTo(rows.size());
        });
    }

    @Test
    void theSameRowsGiveTheSameBytes() {
        List<Map<String, Object>> rows = rows(50_000);
        WrittenVersion first = write(SMALL, temp.resolve("a"), rows);
        WrittenVersion second = write(SMALL, temp.resolve("b"), rows);

        assertThat(second.files()).isEqualTo(first.files());
        assertThat(DatasetManifest.contentHash(second.files())).isEqualTo(DatasetManifest.contentHash(first.files()));
    }

    @Test
    void manyRowsStreamIntoSeveralFilesInOrder() throws IOException {
        ParquetLayout small = new ParquetLayout(10_000, 1024 * 1024);
        Path version = temp.resolve("big");
        WrittenVersion written;
        try (DatasetVersionWriter writer = DatasetVersionWriter.open(session, SMALL, version, small)) {
            for (int i = 1; i <= 200_000; i++) {
                writer.write(row(i));
            }
            written = writer.finish();
        }

        assertThat(written.rowCount()).isEqualTo(200_000);
        assertThat(written.files()).hasSizeGreaterThan(1);
        assertThat(written.files().stream().mapToLong(DataFile::rows).sum()).isEqualTo(200_000);
        DatasetManifest manifest = TestVersions.manifest(SMALL, written);
        manifest.verify(version);
        byte[] csv = TestVersions.export(session, version, manifest, ExportFormat.CSV, List.of("id"));
        String[] lines = new String(csv, java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines).hasSize(200_001);
        for (int i = 1; i <= 200_000; i++) {
            if (!lines[i].equals(Integer.toString(i))) {
                throw new AssertionError("row " + i + " came back as " + lines[i]);
            }
        }
        assertThat(stagedFiles()).isEmpty();
    }

    @Test
    void anEmptyVersionHasOneFileWithTheColumns() throws IOException {
        Path version = temp.resolve("empty");
        WrittenVersion written = write(SMALL, version, List.of());

        assertThat(written.rowCount()).isZero();
        assertThat(written.files()).singleElement().satisfies(file -> assertThat(file.rows()).isZero());
        DatasetManifest manifest = TestVersions.manifest(SMALL, written);
        assertThat(new String(TestVersions.export(session, version, manifest, ExportFormat.CSV, List.of()),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("id,note,amount\r\n");
    }

    @Test
    void aDecimalTooPreciseForOneColumnFailsAndLeavesNothing() throws IOException {
        Path version = temp.resolve("v");
        List<Map<String, Object>> rows = List.of(
                Map.of("amount", new BigDecimal("12345678901234567890123456789")),
                Map.of("amount", new BigDecimal("0.0000000001")));
        assertThatThrownBy(() -> write(SMALL, version, rows))
                .isInstanceOfSatisfying(DatasetException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.DECIMAL_TOO_PRECISE);
                    assertThat(e.getMessage()).contains("amount", "29 integer", "10 fraction");
                });
        assertThat(version.resolve("data")).doesNotExist();
        assertThat(stagedFiles()).isEmpty();
    }

    @Test
    void aValueOfTheWrongJavaTypeIsRefused() {
        try (DatasetVersionWriter writer = DatasetVersionWriter.open(session, SMALL, temp.resolve("v"))) {
            assertThatThrownBy(() -> writer.write(Map.of("id", "not a Long")))
                    .isInstanceOfSatisfying(DatasetException.class, e -> {
                        assertThat(e.problem()).isEqualTo(Problem.VALUE_TYPE_MISMATCH);
                        assertThat(e.getMessage()).contains("id", "INTEGER", "Long", "String")
                                .doesNotContain("not a Long");
                    });
            assertThatThrownBy(() -> writer.write(Map.of("amount", 1.5d)))
                    .isInstanceOfSatisfying(DatasetException.class,
                            e -> assertThat(e.problem()).isEqualTo(Problem.VALUE_TYPE_MISMATCH));
        }
    }

    @Test
    void anInvalidRecordIsNotWritten() {
        try (DatasetVersionWriter writer = DatasetVersionWriter.open(session, SMALL, temp.resolve("v"))) {
            RecordResult invalid = new RecordResult(Map.of(), List.of(new org.haven.schema.FieldError("id",
                    org.haven.schema.ErrorKind.NOT_AN_INTEGER, "x")));
            assertThatThrownBy(() -> writer.write(invalid)).isInstanceOf(IllegalArgumentException.class);
            assertThat(writer.rowCount()).isZero();
        }
    }

    @Test
    void refusesADirectoryThatIsNotEmpty() throws IOException {
        Path version = Files.createDirectories(temp.resolve("v"));
        Files.writeString(version.resolve("other"), "x");
        assertThatThrownBy(() -> DatasetVersionWriter.open(session, SMALL, version))
                .isInstanceOfSatisfying(DatasetException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.TARGET_NOT_EMPTY));
    }

    @Test
    void closingWithoutFinishingAbandonsTheVersion() throws IOException {
        Path version = temp.resolve("v");
        try (DatasetVersionWriter writer = DatasetVersionWriter.open(session, SMALL, version)) {
            writer.write(row(1));
            assertThat(stagedFiles()).hasSize(1);
        }
        assertThat(stagedFiles()).isEmpty();
        assertThat(version.resolve("data")).doesNotExist();
    }

    private WrittenVersion write(Schema schema, Path version, List<Map<String, Object>> rows) {
        return TestVersions.write(session, schema, version, rows);
    }

    private List<Path> stagedFiles() throws IOException {
        try (Stream<Path> files = Files.list(session.settings().tempDirectory())) {
            return files.filter(file -> file.getFileName().toString().startsWith("version-")).toList();
        }
    }

    static List<Map<String, Object>> rows(int count) {
        List<Map<String, Object>> rows = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            rows.add(row(i));
        }
        return rows;
    }

    static Map<String, Object> row(long i) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", i);
        if (i % 7 != 0) {
            row.put("note", i % 5 == 0 ? "line one\nline \"two\", " + i : "note " + Long.toHexString(i * 0x9E3779B97F4A7C15L));
        }
        row.put("amount", BigDecimal.valueOf(i, 2));
        return row;
    }
}
