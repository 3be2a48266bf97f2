package org.haven.authz.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.haven.authz.AuthzErrorCode;
import org.haven.authz.AuthzException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValidationFixturesTest {

    static Stream<Path> fixtures() throws IOException, URISyntaxException {
        Path directory = Path.of(ValidationFixturesTest.class.getResource("/fixtures").toURI());
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static Path failing(String name) throws URISyntaxException {
        return Path.of(ValidationFixturesTest.class.getResource("/fixtures-failing/" + name).toURI());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixturePasses(Path fixture) {
        ValidationResult result = ValidationRunner.run(fixture);

        assertThat(result.failures()).as(fixture.getFileName().toString()).isEmpty();
        assertThat(result.checksRun()).isPositive();
    }

    @Test
    void aWrongAssertionFailsWithItsLine() throws URISyntaxException {
        ValidationResult result = ValidationRunner.run(failing("wrong-assertion.yaml"));

        assertThat(result.passed()).isFalse();
        assertThat(result.failures()).extracting(ValidationFailure::line).containsExactly(13);
        assertThat(result.failures().get(0).message()).contains("assertTrue", "document:d#read@user:bob", "NO_PERMISSION");
    }

    @Test
    void aSchemaErrorIsReportedAtItsFileLine() {
        assertThatThrownBy(() -> ValidationRunner.run(failing("bad-schema.yaml")))
                .isInstanceOf(AuthzException.class)
                .satisfies(e -> assertThat(((AuthzException) e).code()).isEqualTo(AuthzErrorCode.VALIDATION_FILE_INVALID))
                .hasMessageContaining(":5: ")
                .hasMessageContaining("unknown type 'usr'");
    }

    @Test
    void unlistedAndMissingExpectedSubjectsFail() {
        String text = """
                schema: |-
                  definition user {}
                  definition document {
                    relation reader: user
                  }
                relationships: |-
                  document:d#reader@user:alice
                  document:d#reader@user:bob
                validation:
                  document:d#reader:
                    - "[user:alice] is <document:d#reader>"
                    - "[user:carol] is <document:d#reader>"
                """;
        ValidationResult result = ValidationRunner.run(ValidationFile.parse(text, Path.of("inline.yaml")));

        assertThat(result.failures()).extracting(ValidationFailure::line).containsExactly(10, 12);
        assertThat(result.failures()).extracting(ValidationFailure::message)
                .anySatisfy(message -> assertThat(message).contains("[user:bob] was found but is not listed"))
                .anySatisfy(message -> assertThat(message).contains("[user:carol] was not found"));
    }

    @Test
    void aMalformedRelationshipIsRejectedWithItsLine() {
        String text = """
                schema: |-
                  definition user {}
                  definition document {
                    relation reader: user
                  }
                relationships: |-
                  document:d#reader@user:alice
                  document:d#reader@user:bob!
                """;
        assertThatThrownBy(() -> ValidationFile.parse(text, Path.of("inline.yaml")))
                .hasMessageContaining("inline.yaml:8:")
                .hasMessageContaining("invalid subject id");
    }

    @Test
    void assertionsCarryCaveatContext() {
        ValidationFile file = ValidationFile.parse("""
                schema: |-
                  definition user {}
                  caveat small(n int) { n < 10 }
                  definition thing {
                    relation owner: user with small
                  }
                relationships: |-
                  thing:t#owner@user:u[small]
                assertions:
                  assertTrue:
                    - 'thing:t#owner@user:u with {"n": 3}'
                """, null);

        assertThat(file.assertions()).hasSize(1);
        assertThat(file.assertions().get(0).context()).containsEntry("n", 3L);
        assertThat(ValidationRunner.run(file).failures()).isEqualTo(List.of());
    }
}
