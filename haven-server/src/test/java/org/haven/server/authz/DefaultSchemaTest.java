package org.haven.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.haven.authz.schema.CompiledSchema;
import org.haven.authz.schema.SchemaParser;
import org.haven.authz.validation.ValidationResult;
import org.haven.authz.validation.ValidationRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Haven's default schema parses, names the permissions the endpoints check, and passes every validation file in
 * {@code src/test/resources/authz}. The files are read from the source tree because they name the schema with a
 * {@code schemaFile} path relative to themselves, which {@code zed validate} and {@code haven authz validate}
 * follow there too.
 */
class DefaultSchemaTest {

    private static final String SCHEMA_RESOURCE = "/authz/haven.zed";
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path SCHEMA_SOURCE = MODULE.resolve("src/main/resources/authz/haven.zed");
    private static final Path FIXTURES = MODULE.resolve("src/test/resources/authz");

    /** The permissions the server's endpoints check, per type; renaming one breaks them. */
    private static final Map<String, List<String>> PERMISSIONS = Map.of(
            "user", List.of(),
            "platform", List.of("administer", "audit"),
            "tenant", List.of("administer", "manage_members", "manage_data_sources", "manage_datasets", "create_project",
                    "manage_apps", "view", "read_audit", "reidentify"),
            "app", List.of("manage"),
            "project", List.of("administer", "manage_members", "view", "use_data"),
            "data_source", List.of("administer", "write", "read", "view"),
            "dataset", List.of("manage", "view", "read_identifiable", "read_pseudonymised", "read_aggregate", "reidentify"));

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void theShippedSchemaParsesAndDefinesEveryPermissionTheServerChecks() throws IOException {
        CompiledSchema schema = SchemaParser.parse(shippedSchema());

        assertThat(schema.definitions().keySet()).containsExactlyInAnyOrderElementsOf(PERMISSIONS.keySet());
        PERMISSIONS.forEach((type, permissions) -> assertThat(schema.definition(type).permissions().keySet())
                .as(type).containsExactlyInAnyOrderElementsOf(permissions));
    }

    @Test
    void theFixturesTestTheSchemaThatShips() throws IOException {
        assertThat(Files.readString(SCHEMA_SOURCE, StandardCharsets.UTF_8)).isEqualTo(shippedSchema());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyValidationFilePasses(Path fixture) {
        ValidationResult result = ValidationRunner.run(fixture);

        assertThat(result.failures()).as(fixture.getFileName().toString()).isEmpty();
        assertThat(result.checksRun()).isPositive();
    }

    private static String shippedSchema() throws IOException {
        try (InputStream in = DefaultSchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            assertThat(in).as(SCHEMA_RESOURCE + " on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
