package org.haven.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.cli.CliAgainstServerIT.haven;
import static org.haven.server.cli.CliAgainstServerIT.havenWithInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.haven.server.RunningServer;
import org.haven.server.cli.CliAgainstServerIT.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A data set manager grants a dataset to a project with {@code haven grants}, with a policy in YAML, and revokes it. */
class CliGrantsIT extends RunningServer {

    private static final String SCHEMA = """
            {"fields": [
              {"name": "nhs_number", "data_type": "NHS_NUMBER", "identifier_type": "DIRECT", "required": true},
              {"name": "postcode", "data_type": "POSTCODE", "identifier_type": "INDIRECT"}
            ]}""";

    @TempDir
    Path directory;

    @Test
    void aManagerGrantsListsAndRevokes() throws IOException {
        String admin = adminToken();
        String tenant = json(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"cli-grants-"
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"Grants\"}")).path("id").asString();
        Caller manager = newUser("cli-grantor");
        assertThat(send("PUT", "/api/v1/tenants/" + tenant + "/members/user/" + manager.id(), admin,
                "{\"roles\":[\"data_set_manager\"]}").statusCode()).isEqualTo(200);
        String dataset = json(send("POST", "/api/v1/tenants/" + tenant + "/datasets", admin,
                "{\"name\":\"registrations\",\"schema\":" + SCHEMA + "}")).path("id").asString();
        String project = json(send("POST", "/api/v1/tenants/" + tenant + "/projects", admin, "{\"name\":\"Audit study\"}"))
                .path("id").asString();
        Path config = login(manager);

        Path policy = Files.writeString(directory.resolve("policy.yaml"), """
                fields:
                  postcode: {treatment: generalise, to: district}
                """);
        Run granted = haven(config, "grants", "add", dataset, "--project", project, "--result-type", "PSEUDONYMISED",
                "--policy", policy.toString(), "--expires-at", "2099-01-01T00:00:00Z");
        assertThat(granted.exitCode()).as(granted.err()).isZero();
        assertThat(granted.out()).contains("granted dataset " + dataset + " to project " + project + " as PSEUDONYMISED",
                "expires:", "2099-01-01");

        Run listed = haven(config, "grants", "list", dataset, "-o", "json");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        JsonNode grants = JSON.readTree(listed.out());
        assertThat(grants).hasSize(1);
        assertThat(grants.get(0).path("policy").path("fields").path("postcode").path("to").asString()).isEqualTo("district");
        String grantId = grants.get(0).path("id").asString();
        assertThat(haven(config, "grants", "list", dataset).out()).contains(project, "PSEUDONYMISED", "all");

        Path badPolicy = Files.writeString(directory.resolve("bad.yaml"), "fields:\n  shoe_size: drop\n");
        Run refused = haven(config, "grants", "add", dataset, "--project", project, "--result-type", "PSEUDONYMISED",
                "--policy", badPolicy.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("policy.fields.shoe_size");
        assertThat(haven(config, "grants", "add", dataset, "--project", project, "--result-type", "EVERYTHING").exitCode())
                .isEqualTo(2);

        Run revoked = haven(config, "grants", "revoke", dataset, grantId);
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("revoked grant " + grantId);
        assertThat(JSON.readTree(haven(config, "grants", "list", dataset, "-o", "json").out())).isEmpty();
        assertThat(haven(config, "grants", "revoke", dataset, grantId).exitCode()).isEqualTo(1);
    }

    private Path login(Caller caller) {
        Path config = directory.resolve(caller.username() + ".json");
        Run login = havenWithInput(caller.password() + "\n", "login", "--server", uri("").toString(), "--user",
                caller.username(), "--password-stdin", "--config", config.toString());
        assertThat(login.exitCode()).as(login.err()).isZero();
        return config;
    }
}
