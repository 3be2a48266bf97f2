package org.haven.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.cli.CliAgainstServerIT.haven;
import static org.haven.server.cli.CliAgainstServerIT.havenWithInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.haven.schema.DataType;
import org.haven.schema.Schema;
import org.haven.schema.SchemaJson;
import org.haven.server.RunningServer;
import org.haven.server.cli.CliAgainstServerIT.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A data set manager registers a dataset from an inferred schema and evolves it with {@code haven datasets}. */
public class CliCatalogIT extends RunningServer {

    private static final String CSV = """
            nhs_number,postcode,date_of_birth,score
            943 476 5919,SW1A 1AA,1990-04-01,12
            401 023 2137,M1 1AE,1985-12-09,7
            """;

    @TempDir
    Path directory;

    @Test
    void aManagerRegistersAnInferredSchemaAndEvolvesIt() throws IOException {
        String tenant = newTenant();
        Caller manager = newUser("cli-dsm");
        grant(tenant, manager, "data_set_manager");
        Path config = login(manager);

        Path sample = Files.writeString(directory.resolve("sample.csv"), CSV);
        Run inferred = haven("schema", "infer", sample.toString());
        assertThat(inferred.exitCode()).as(inferred.err()).isZero();
        Path schemaFile = Files.writeString(directory.resolve("schema.json"), inferred.out());

        Run created = haven(config, "datasets", "create", "--tenant", tenant, "--name", "gp-patients", "--schema",
                schemaFile.toString(), "--description", "GP registrations", "--tag", "gp", "--tag", "demo");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("created dataset gp-patients with schema version 1", "tags:", "demo, gp");
        String dataset = created.out().lines().filter(line -> line.startsWith("id:")).findFirst().orElseThrow()
                .substring("id:".length()).trim();

        Run listed = haven(config, "datasets", "list", "--tenant", tenant, "--tag", "gp");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(dataset, "gp-patients");
        assertThat(haven(config, "datasets", "show", dataset).out()).contains("schema version: 1", "GP registrations");

        Schema first = SchemaJson.parse(Files.readString(schemaFile));
        String additive = withExtraField(Files.readString(schemaFile));
        Path v2 = Files.writeString(directory.resolve("v2.json"), additive);
        Run added = haven(config, "datasets", "schema", "add", dataset, "--schema", v2.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("added schema version 2", "ward", "OPTIONAL_FIELD_ADDED", "ADDITIVE");

        Run again = haven(config, "datasets", "schema", "add", dataset, "--schema", v2.toString());
        assertThat(again.out()).contains("schema unchanged: identical to version 2");

        // Dropping the score field is breaking: refused, with the change listed, until it is explicitly allowed.
        Path v3 = Files.writeString(directory.resolve("v3.json"), additive.replaceAll("(?s)\\{[^{}]*\"score\"[^{}]*\\},?", ""));
        Run refused = haven(config, "datasets", "schema", "add", dataset, "--schema", v3.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("(breaking-schema-change)", "score: FIELD_REMOVED (BREAKING)");
        assertThat(haven(config, "datasets", "schema", "check", dataset, "--schema", v3.toString()).out())
                .contains("breaking changes from version 2", "FIELD_REMOVED");
        Run allowed = haven(config, "datasets", "schema", "add", dataset, "--schema", v3.toString(), "--allow-breaking");
        assertThat(allowed.out()).contains("added schema version 3 (breaking)");

        Run versions = haven(config, "datasets", "schema", "list", dataset);
        assertThat(versions.out().lines()).hasSize(4);
        assertThat(versions.out()).contains("user:" + manager.id());

        Run shown = haven(config, "datasets", "schema", "show", dataset, "--schema-version", "1");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(SchemaJson.parse(shown.out())).isEqualTo(first);
        assertThat(first.field("nhs_number").orElseThrow().dataType()).isEqualTo(DataType.NHS_NUMBER);

        Run exported = haven(config, "datasets", "schema", "export", dataset);
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        JsonNode jsonSchema = JSON.readTree(exported.out());
        assertThat(jsonSchema.path("$schema").asString()).contains("2020-12");
        assertThat(jsonSchema.path("properties").has("ward")).isTrue();
        assertThat(jsonSchema.path("properties").has("score")).isFalse();
    }

    @Test
    void anInvalidSchemaFileListsEveryErrorAndCreatesNothing() throws IOException {
        String tenant = newTenant();
        Caller manager = newUser("cli-dsm");
        grant(tenant, manager, "data_set_manager");
        Path config = login(manager);
        Path schema = Files.writeString(directory.resolve("bad.json"), """
                {"fields": [
                  {"name": "id", "data_type": "INTEGER", "identifier_type": "NON_ID"},
                  {"name": "Id", "data_type": "INTEGER", "identifier_type": "NON_ID"},
                  {"name": "sex", "data_type": "CODE", "identifier_type": "INDIRECT"}
                ]}""");

        Run refused = haven(config, "datasets", "create", "--tenant", tenant, "--name", "broken", "--schema", schema.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().lines()).hasSize(3);
        assertThat(refused.err()).contains("(invalid-schema)", "$.fields[1].name", "$.fields[2].code_list");
        assertThat(haven(config, "datasets", "list", "--tenant", tenant).out()).contains("(none)");
    }

    @Test
    void theTourRegistersTheDemoSchema() throws IOException {
        String tenant = newTenant();
        Caller manager = newUser("cli-dsm");
        grant(tenant, manager, "data_set_manager");
        Path config = login(manager);
        Path demo = Path.of("..", "examples", "demo", "patients.schema.json");

        Run created = haven(config, "datasets", "create", "--tenant", tenant, "--name", "patients", "--schema",
                demo.toString(), "--tag", "demo", "-o", "json");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String dataset = JSON.readTree(created.out()).path("id").asString();

        Run shown = haven(config, "datasets", "schema", "show", dataset);
        assertThat(SchemaJson.parse(shown.out())).isEqualTo(SchemaJson.parse(Files.readString(demo)));
        Run same = haven(config, "datasets", "schema", "check", dataset, "--schema", demo.toString());
        assertThat(same.out()).contains("identical to version 1");
        JsonNode exported = JSON.readTree(haven(config, "datasets", "schema", "export", dataset, "-n", "1").out());
        assertThat(exported.path("properties").path("sex").path("enum").toString()).contains("\"F\"", "\"M\"", "\"U\"");
    }

    private static String withExtraField(String schema) {
        int end = schema.lastIndexOf(']');
        return schema.substring(0, end).stripTrailing()
                + ", {\"name\": \"ward\", \"data_type\": \"STRING\", \"identifier_type\": \"NON_ID\"}" + schema.substring(end);
    }

    private Path login(Caller caller) {
        Path config = directory.resolve(caller.username() + ".json");
        Run login = havenWithInput(caller.password() + "\n", "login", "--server", uri("").toString(), "--user",
                caller.username(), "--password-stdin", "--config", config.toString());
        assertThat(login.exitCode()).as(login.err()).isZero();
        return config;
    }

    private String newTenant() {
        String slug = "cli-cat-" + UUID.randomUUID().toString().substring(0, 8);
        return json(send("POST", "/api/v1/tenants", adminToken(), "{\"slug\":\"" + slug + "\",\"name\":\"Catalog\"}"))
                .path("id").asString();
    }

    private void grant(String tenant, Caller caller, String role) {
        assertThat(send("PUT", "/api/v1/tenants/" + tenant + "/members/user/" + caller.id(), adminToken(),
                "{\"roles\":[\"" + role + "\"]}").statusCode()).isEqualTo(200);
    }
}
