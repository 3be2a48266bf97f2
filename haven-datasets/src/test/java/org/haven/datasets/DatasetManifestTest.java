package org.haven.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.haven.datasets.DatasetException.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class DatasetManifestTest {

    @TempDir
    Path temp;
    DuckDbSession session;
    Path version;
    DatasetManifest manifest;

    @BeforeEach
    void writeAVersion() {
        session = DuckDbSession.inMemory(TestVersions.settings(temp));
        version = temp.resolve("v1");
        WrittenVersion written = TestVersions.write(session, DatasetVersionWriterTest.SMALL, version,
                DatasetVersionWriterTest.rows(1000));
        manifest = TestVersions.manifest(DatasetVersionWriterTest.SMALL, written);
        manifest.write(version);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void roundTripsThroughCanonicalJson() {
        DatasetManifest read = DatasetManifest.read(version);

        assertThat(read).isEqualTo(manifest);
        assertThat(read.toJson()).isEqualTo(manifest.toJson());
        assertThat(read.sha256()).isEqualTo(manifest.sha256());
        assertThat(read.lineage().parameters()).containsExactly(
                java.util.Map.entry("mode", "quarantine"), java.util.Map.entry("threshold", "0.05"));
        read.verify(version);
    }

    @Test
    void theJsonHasSortedKeysAndNoWhiteSpace() {
        String json = manifest.toJson();

        assertThat(json).startsWith("{\"content_sha256\":\"").doesNotContain("\n").doesNotContain(": ");
        assertThat(json.indexOf("\"created_at\"")).isLessThan(json.indexOf("\"dataset_id\""));
        assertThat(json.indexOf("\"format_version\":1")).isLessThan(json.indexOf("\"lineage\""));
        assertThat(json).contains("\"files\":[{\"bytes\":", "\"haven_version\":\"0.1.0\",\"inputs\":[{\"key\":");
    }

    @ParameterizedTest
    @ValueSource(strings = {"format_version", "dataset_id", "schema", "schema_sha256", "row_count", "files",
        "content_sha256", "lineage", "created_at"})
    void aMissingPropertyIsNamed(String property) {
        ObjectNode json = (ObjectNode) JsonMapper.shared().readTree(manifest.toJson());
        json.remove(property);

        assertThatThrownBy(() -> DatasetManifest.parse(json.toString()))
                .isInstanceOfSatisfying(DatasetException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.INVALID_MANIFEST);
                    assertThat(e.getMessage()).contains("$." + property + " is missing");
                });
    }

    @Test
    void anEditedRowCountIsRefused() {
        String json = manifest.toJson().replace("\"row_count\":1000", "\"row_count\":999");

        assertThatThrownBy(() -> DatasetManifest.parse(json))
                .isInstanceOfSatisfying(DatasetException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.INVALID_MANIFEST);
                    assertThat(e.getMessage()).contains("row_count 999");
                });
        String fileRows = manifest.toJson().replace("\"row_count\":1000", "\"row_count\":999")
                .replace("\"rows\":1000", "\"rows\":999");
        assertThatThrownBy(() -> DatasetManifest.parse(fileRows))
                .isInstanceOfSatisfying(DatasetException.class, e -> assertThat(e.getMessage())
                        .contains("content_sha256"));
    }

    @Test
    void anEditedFileHashOrSchemaIsRefused() {
        String sha = manifest.files().get(0).sha256();
        String json = manifest.toJson().replace(sha, "0".repeat(64));
        assertThatThrownBy(() -> DatasetManifest.parse(json)).hasMessageContaining("content_sha256");

        String schema = manifest.toJson().replace("\"name\":\"note\"", "\"name\":\"notes\"");
        assertThatThrownBy(() -> DatasetManifest.parse(schema)).hasMessageContaining("schema_sha256");
    }

    @Test
    void malformedDocumentsAreRefused() {
        assertThatThrownBy(() -> DatasetManifest.parse("{")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> DatasetManifest.parse("[]")).hasMessageContaining("must be an object");
        assertThatThrownBy(() -> DatasetManifest.parse(manifest.toJson().replace("\"format_version\":1",
                "\"format_version\":2"))).hasMessageContaining("format_version 2 is not supported");
        assertThatThrownBy(() -> DatasetManifest.parse(manifest.toJson().replace("{\"content_sha256\"",
                "{\"extra\":1,\"content_sha256\""))).hasMessageContaining("$.extra is not a manifest property");
        assertThatThrownBy(() -> DatasetManifest.parse(manifest.toJson().replace("\"version\":1",
                "\"version\":\"1\""))).hasMessageContaining("$.version must be a whole number");
    }

    @Test
    void aPathOutsideTheVersionIsRefused() {
        assertThatThrownBy(() -> new DataFile("../other/part-0.parquet", 1, "0".repeat(64), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DataFile("/etc/passwd", 1, "0".repeat(64), 1))
                .isInstanceOf(IllegalArgumentException.class);
        String json = manifest.toJson().replace("\"path\":\"data/part-0.parquet\"", "\"path\":\"data/../../x\"");
        assertThatThrownBy(() -> DatasetManifest.parse(json))
                .isInstanceOfSatisfying(DatasetException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_MANIFEST));
    }

    @Test
    void verifyFindsChangedMissingAndExtraFiles() throws IOException {
        Path file = version.resolve("data/part-0.parquet");
        byte[] original = Files.readAllBytes(file);

        byte[] flipped = original.clone();
        flipped[original.length / 2] ^= 1;
        Files.write(file, flipped);
        assertVerificationFails("data/part-0.parquet has a different SHA-256");

        Files.write(file, new byte[] {1}, StandardOpenOption.APPEND);
        assertVerificationFails("data/part-0.parquet has " + (original.length + 1) + " bytes");

        Files.delete(file);
        assertVerificationFails("data/part-0.parquet is missing");

        Files.write(file, original);
        Files.write(version.resolve("data/part-1.parquet"), original);
        assertVerificationFails("data/part-1.parquet is not in the manifest");
        Files.delete(version.resolve("data/part-1.parquet"));
        manifest.verify(version);
    }

    @Test
    void aManifestIsNeverReplaced() {
        assertThatThrownBy(() -> manifest.write(version))
                .isInstanceOfSatisfying(DatasetException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.TARGET_NOT_EMPTY));
    }

    @Test
    void theSchemaHashIsStableAndSpecific() {
        assertThat(DatasetManifest.schemaHash(DatasetVersionWriterTest.SMALL))
                .isEqualTo(manifest.schemaSha256()).hasSize(64);
        assertThat(DatasetManifest.schemaHash(TestVersions.ALL_TYPES)).isNotEqualTo(manifest.schemaSha256());
        assertThat(DatasetManifest.contentHash(List.of())).hasSize(64);
    }

    private void assertVerificationFails(String message) {
        assertThatThrownBy(() -> manifest.verify(version))
                .isInstanceOfSatisfying(DatasetException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.VERIFICATION_FAILED);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
