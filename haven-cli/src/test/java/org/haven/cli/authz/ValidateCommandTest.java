package org.haven.cli.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {

    private static final String PASSING = """
            schema: |-
              definition user {}
              definition document {
                relation reader: user
                permission read = reader
              }
            relationships: |-
              document:d#reader@user:alice
            assertions:
              assertTrue:
                - document:d#read@user:alice
              assertFalse:
                - document:d#read@user:bob
            """;

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new AuthzCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        return command.execute(args);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }

    @Test
    void exitsZeroWhenEverythingHolds() throws IOException {
        Path file = write("ok.yaml", PASSING);

        assertThat(run("validate", file.toString())).isZero();
        assertThat(out.toString()).contains("ok.yaml: OK (2 checks)");
    }

    @Test
    void exitsOneAndPrintsTheLineOfAFailedAssertion() throws IOException {
        Path file = write("wrong.yaml", PASSING.replace("- document:d#read@user:bob", "- document:d#read@user:alice"));

        assertThat(run("validate", file.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("wrong.yaml:13: assertFalse failed for document:d#read@user:alice");
    }

    @Test
    void exitsTwoForAnInvalidFile() throws IOException {
        Path file = write("broken.yaml", "schema: |-\n  definition user {\n");

        assertThat(run("validate", file.toString(), directory.resolve("missing.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("haven: invalid validation file: ").contains("broken.yaml:").contains("missing.yaml");
    }

    @Test
    void printsMachineReadableJson() throws IOException {
        Path file = write("ok.yaml", PASSING);

        assertThat(run("validate", "--output", "json", file.toString())).isZero();
        assertThat(out.toString()).contains("\"exitCode\":0").contains("\"status\":\"passed\"");
    }
}
