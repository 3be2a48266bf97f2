package org.haven.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.haven.cli.CliFailure;
import org.haven.cli.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaFileTest {

    private static final String SCHEMA = "{\"fields\":[{\"name\":\"id\",\"data_type\":\"INTEGER\",\"identifier_type\":\"NON_ID\"}]}";

    @TempDir
    Path directory;

    @Test
    void aSchemaDocumentIsSentAsItIs() throws IOException {
        Path file = Files.writeString(directory.resolve("schema.json"), SCHEMA);
        assertThat(SchemaFile.read(file).toString()).isEqualTo(SCHEMA);
    }

    @Test
    void whatInferPrintsIsAcceptedInBothOutputFormats() throws IOException {
        Path csv = Files.writeString(directory.resolve("sample.csv"), "nhs_number,score\n9434765919,12\n4010232137,7\n");
        for (String format : new String[] {"text", "json"}) {
            CommandRun inferred = CommandRun.of("schema", "infer", csv.toString(), "-o", format);
            assertThat(inferred.exitCode()).as(inferred.err()).isZero();
            Path file = Files.writeString(directory.resolve("inferred-" + format + ".json"), inferred.out());

            assertThat(SchemaFile.read(file).path("fields").get(0).path("data_type").asString()).as(format).isEqualTo("NHS_NUMBER");
            assertThat(SchemaFile.read(file).has("guesses")).isFalse();
        }
    }

    @Test
    void aSchemaVersionPrintedAsJsonIsAcceptedToo() throws IOException {
        Path file = Files.writeString(directory.resolve("version.json"), "{\"version\":3,\"breaking\":false,\"schema\":" + SCHEMA + "}");
        assertThat(SchemaFile.read(file).toString()).isEqualTo(SCHEMA);
    }

    @Test
    void aFileThatIsNotJsonOrMissingIsOneClearFailure() throws IOException {
        Path broken = Files.writeString(directory.resolve("broken.json"), "{\"fields\": [\n");
        assertThatThrownBy(() -> SchemaFile.read(broken)).isInstanceOf(CliFailure.class).hasMessageContaining("is not valid JSON (line");
        assertThatThrownBy(() -> SchemaFile.read(directory.resolve("missing.json"))).isInstanceOf(CliFailure.class)
                .hasMessageStartingWith("no such file");
    }
}
