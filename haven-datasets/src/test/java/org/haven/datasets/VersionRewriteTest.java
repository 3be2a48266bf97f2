package org.haven.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.schema.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionRewriteTest {

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
    void replacedColumnsTakeTheirNewValuesAndKeptOnesStayAsTheyWereInOrder() {
        Schema input = DatasetVersionWriterTest.SMALL;
        List<Map<String, Object>> rows = DatasetVersionWriterTest.rows(200_000);
        DatasetManifest manifest = TestVersions.manifest(input,
                TestVersions.write(session, input, temp.resolve("v1"), rows));
        Schema output = new Schema(List.of(
                Field.of("id", DataType.INTEGER, IdentifierType.NON_ID),
                Field.of("note", DataType.STRING, IdentifierType.INDIRECT),
                Field.of("amount", DataType.DECIMAL, IdentifierType.NON_ID)));

        WrittenVersion written = VersionRewrite.write(session, input, manifest.dataFiles(temp.resolve("v1")), output,
                Set.of("id", "amount"), record -> {
                    Map<String, Object> replaced = new HashMap<>();
                    Object note = record.get("note");
                    replaced.put("note", note == null ? null : "n" + note.toString().length());
                    return replaced;
                }, temp.resolve("v2"));

        assertThat(written.rowCount()).isEqualTo(rows.size());
        List<Map<String, Object>> read = readAll(output, written, temp.resolve("v2"));
        for (int i = 0; i < rows.size(); i += 997) {
            Map<String, Object> original = rows.get(i);
            Map<String, Object> rewritten = read.get(i);
            assertThat(rewritten.get("id")).isEqualTo(original.get("id"));
            assertThat(((java.math.BigDecimal) rewritten.get("amount"))).isEqualByComparingTo((java.math.BigDecimal) original.get("amount"));
            Object note = original.get("note");
            assertThat(rewritten.get("note")).isEqualTo(note == null ? null : "n" + note.toString().length());
        }
        assertThat(temp.resolve("v2-replaced")).doesNotExist();
    }

    @Test
    void withNothingReplacedTheKeptColumnsAreCopied() {
        Schema input = DatasetVersionWriterTest.SMALL;
        List<Map<String, Object>> rows = DatasetVersionWriterTest.rows(1_000);
        DatasetManifest manifest = TestVersions.manifest(input,
                TestVersions.write(session, input, temp.resolve("v1"), rows));
        Schema output = new Schema(List.of(Field.of("id", DataType.INTEGER, IdentifierType.NON_ID)));

        WrittenVersion written = VersionRewrite.write(session, input, manifest.dataFiles(temp.resolve("v1")), output,
                Set.of("id"), record -> record, temp.resolve("v2"));

        List<Map<String, Object>> read = readAll(output, written, temp.resolve("v2"));
        assertThat(read).hasSize(1_000);
        assertThat(read.get(999)).containsExactlyEntriesOf(Map.of("id", 1_000L));
    }

    private List<Map<String, Object>> readAll(Schema schema, WrittenVersion written, Path directory) {
        List<Map<String, Object>> read = new ArrayList<>();
        List<Path> files = written.files().stream().map(file -> directory.resolve(file.path())).toList();
        try (VersionRecords records = VersionRecords.open(session, schema, files)) {
            for (Optional<Map<String, Object>> next = records.next(); next.isPresent(); next = records.next()) {
                read.add(next.get());
            }
        }
        return read;
    }
}
