package org.haven.cli.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.haven.cli.CommandRun;
import org.haven.cli.ExitCodes;
import org.haven.schema.DataType;
import org.haven.schema.IdentifierType;
import org.haven.schema.Schema;
import org.haven.schema.SchemaJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class InferCommandTest {

    private static final String CSV = """
            nhs_number,first_name,postcode,birth_date,score
            943 476 5919,Ada,SW1A 1AA,1990-04-01,12
            401 023 2137,Grace,M1 1AE,1985-12-09,7
            """;

    @TempDir
    Path directory;

    @Test
    void proposesTypesAndIdentifierTypesWithReasons() throws IOException {
        Path file = Files.writeString(directory.resolve("patients.csv"), CSV);
        CommandRun run = CommandRun.of("schema", "infer", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("first_name", "NHS_NUMBER", "DIRECT", "POSTCODE", "INDIRECT", "because");
        // Standard output is the schema alone, ready to be registered as it is.
        Schema schema = SchemaJson.parse(run.out());
        assertThat(schema.field("nhs_number").orElseThrow().dataType()).isEqualTo(DataType.NHS_NUMBER);
        assertThat(schema.field("postcode").orElseThrow().identifierType()).isEqualTo(IdentifierType.INDIRECT);
    }

    @Test
    void speaksJsonAndReadsGzip() throws IOException {
        Path file = directory.resolve("patients.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(CSV.getBytes(StandardCharsets.UTF_8));
        }
        CommandRun run = CommandRun.of("schema", "infer", file.toString(), "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = JsonMapper.builder().build().readTree(run.out());
        JsonNode nhs = result.path("schema").path("fields").get(0);
        assertThat(nhs.path("data_type").asString()).isEqualTo("NHS_NUMBER");
        assertThat(nhs.path("identifier_type").asString()).isEqualTo("DIRECT");
        assertThat(result.path("guesses")).hasSize(5);
    }

    @Test
    void aMalformedFileFailsWithItsPositionAndNoContent() throws IOException {
        Path file = Files.writeString(directory.resolve("ragged.csv"), "a,b\n1,2\nsecret-value\n");
        CommandRun run = CommandRun.of("schema", "infer", file.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("line 3").doesNotContain("secret-value");
    }

    @Test
    void aMissingFileIsOneLine() {
        CommandRun run = CommandRun.of("schema", "infer", directory.resolve("nope.csv").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).startsWith("haven: no such file");
    }
}
