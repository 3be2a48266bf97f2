package org.haven.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.haven.server.RunningServer;
import org.haven.server.cli.CliAgainstServerIT;
import org.haven.server.cli.CliAgainstServerIT.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A tenant's keysets as its organisation admins see them, and rotation of the one that may rotate. */
class KeysIT extends RunningServer {

    @Test
    void anOrganisationAdminRotatesTheEncryptionKeyAndNothingElse(@TempDir Path directory) {
        String admin = adminToken();
        String tenant = json(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"keys-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"name\":\"Keys\"}")).path("id").asString();
        Caller orgAdmin = newUser("keys-admin");
        send("PUT", "/api/v1/tenants/" + tenant + "/members/user/" + orgAdmin.id(), admin, "{\"roles\":[\"organisation_admin\"]}");
        String keys = "/api/v1/tenants/" + tenant + "/keys";
        assertThat(json(get(keys, orgAdmin.token()))).isEmpty();

        HttpResponse<String> rotated = send("POST", keys + "/encrypt/rotate", orgAdmin.token(), "{}");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        JsonNode keyset = json(rotated);
        assertThat(keyset.path("purpose").asString()).isEqualTo("encrypt");
        assertThat(keyset.path("key_ids")).hasSize(2);
        assertThat(keyset.path("primary_key_id").asLong()).isEqualTo(keyset.path("key_ids").get(1).asLong());
        assertThat(keyset.toString()).doesNotContain("value", "material");

        HttpResponse<String> token = send("POST", keys + "/tokenise/rotate", orgAdmin.token(), "{}");
        assertThat(token.statusCode()).isEqualTo(409);
        assertThat(json(token).path("detail").asString()).contains("does not rotate");
        assertThat(send("POST", keys + "/everything/rotate", orgAdmin.token(), "{}").statusCode()).isEqualTo(404);

        Caller member = newUser("keys-member");
        send("PUT", "/api/v1/tenants/" + tenant + "/members/user/" + member.id(), admin, "{\"roles\":[\"data_set_manager\"]}");
        assertThat(get(keys, member.token()).statusCode()).isEqualTo(403);
        assertThat(send("POST", keys + "/encrypt/rotate", member.token(), "{}").statusCode()).isEqualTo(403);
        assertThat(get(keys, newUser("keys-outsider").token()).statusCode()).isEqualTo(404);

        Path config = directory.resolve("org-admin.json");
        assertThat(CliAgainstServerIT.havenWithInput(orgAdmin.password() + "\n", "login", "--server", uri("").toString(),
                "--user", orgAdmin.username(), "--password-stdin", "--config", config.toString()).exitCode()).isZero();
        Run again = CliAgainstServerIT.haven(config, "keys", "rotate", "--tenant", tenant, "encrypt");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("rotated the encrypt keyset of tenant " + tenant + ": version 3");
        assertThat(CliAgainstServerIT.haven(config, "keys", "list", "--tenant", tenant).out()).contains("encrypt", "yes");

        String audit = json(get("/api/v1/audit?action=tenant.keys.rotate&resource_type=tenant&resource_id=" + tenant, admin))
                .path("items").toString();
        assertThat(audit).contains("\"purpose\":\"encrypt\"", "\"version\":\"2\"", "\"version\":\"3\"");
    }
}
