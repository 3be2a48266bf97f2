package org.haven.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.haven.datasets.DatasetException.Problem;
import org.haven.formats.Format;
import org.haven.formats.Record;
import org.haven.formats.RecordReader;
import org.haven.formats.RecordReaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionExportTest {

    @TempDir
    Path temp;
    DuckDbSession session;
    Path version;
    DatasetManifest manifest;

    @BeforeEach
    void writeAVersion() {
        session = DuckDbSession.inMemory(TestVersions.settings(temp));
        version = temp.resolve("v1");
        List<java.util.Map<String, Object>> rows = TestVersions.typed(TestVersions.ALL_TYPES,
                RoundTripTest.edgeRows());
        manifest = TestVersions.manifest(TestVersions.ALL_TYPES,
                TestVersions.write(session, TestVersions.ALL_TYPES, version, rows));
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void csvIsRfc4180WithAHeaderAndTheChosenColumns() throws IOException {
        String csv = text(ExportFormat.CSV, List.of("NOTE", "visits", "seen_at"));

        assertThat(csv).startsWith("note,visits,seen_at\r\n")
                .contains("plain,0,2024-05-01T09:30:00.000000Z\r\n")
                .contains("\"quote \"\" comma , and\nnew line\r\nCRLF\",9223372036854775807,"
                        + "1999-12-31T18:29:59.123456Z\r\n")
                .contains("\r\n,,\r\n")
                .doesNotContain("nhs_number").doesNotContain("9434765919");
        assertThat(read(csv.getBytes(StandardCharsets.UTF_8), Format.CSV).get(0).columns().names())
                .containsExactly("note", "visits", "seen_at");
    }

    @Test
    void ndjsonHasOneObjectPerLineWithTheChosenColumns() throws IOException {
        String ndjson = text(ExportFormat.NDJSON, List.of("weight", "smoker", "birth_date"));

        List<String> lines = ndjson.lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("{\"weight\":0.000000000,\"smoker\":true,\"birth_date\":\"2024-02-29\"}");
        assertThat(lines.get(3)).isEqualTo("{\"weight\":null,\"smoker\":null,\"birth_date\":null}");
    }

    @Test
    void parquetIsOneFileWithTheChosenColumns() throws IOException {
        byte[] parquet = bytes(ExportFormat.PARQUET, List.of("sex", "postcode"));

        assertThat(new String(parquet, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        List<Record> records = read(parquet, Format.PARQUET);
        assertThat(records).hasSize(6);
        assertThat(records.get(0).columns().names()).containsExactly("sex", "postcode");
        assertThat(records.get(1).values()).containsExactly("M", "M1 1AE");
        assertThat(records.get(3).values()).containsExactly(null, null);
    }

    @Test
    void theExportedFileIsDeletedOnClose() throws IOException {
        try (ExportedFile file = VersionExport.prepare(session, version, manifest, ExportFormat.CSV, List.of())) {
            assertThat(file.bytes()).isPositive();
            assertThat(file.format()).isEqualTo(ExportFormat.CSV);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(file.transferTo(out)).isEqualTo(file.bytes());
            assertThat(exportFiles()).hasSize(1);
        }
        assertThat(exportFiles()).isEmpty();
    }

    @Test
    void unknownOrRepeatedColumnsAreRefused() throws IOException {
        assertThatThrownBy(() -> bytes(ExportFormat.CSV, List.of("note", "surname")))
                .isInstanceOfSatisfying(DatasetException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_COLUMN);
                    assertThat(e.getMessage()).contains("surname");
                });
        assertThatThrownBy(() -> bytes(ExportFormat.NDJSON, List.of("note", "Note")))
                .isInstanceOfSatisfying(DatasetException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_COLUMN));
        assertThat(exportFiles()).isEmpty();
    }

    private String text(ExportFormat format, List<String> columns) throws IOException {
        return new String(bytes(format, columns), StandardCharsets.UTF_8);
    }

    private byte[] bytes(ExportFormat format, List<String> columns) throws IOException {
        return TestVersions.export(session, version, manifest, format, columns);
    }

    private static List<Record> read(byte[] bytes, Format format) throws IOException {
        List<Record> records = new ArrayList<>();
        try (RecordReader reader = RecordReaders.open(TestVersions.stream(bytes), format)) {
            for (Optional<Record> next = reader.next(); next.isPresent(); next = reader.next()) {
                records.add(next.get());
            }
        }
        return records;
    }

    private List<Path> exportFiles() throws IOException {
        try (Stream<Path> files = Files.list(session.settings().tempDirectory())) {
            return files.filter(file -> file.getFileName().toString().startsWith("export-")).toList();
        }
    }
}
