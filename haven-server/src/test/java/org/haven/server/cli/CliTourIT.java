package org.haven.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.cli.CliAgainstServerIT.haven;
import static org.haven.server.cli.CliAgainstServerIT.havenWithInput;

import java.nio.file.Path;
import java.util.UUID;
import org.haven.cli.ConfigFile;
import org.haven.server.RunningServer;
import org.haven.server.cli.CliAgainstServerIT.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** What a newcomer and a tenant's members do with the {@code haven} command, against a real server. */
public class CliTourIT extends RunningServer {

    @TempDir
    Path directory;

    /** Signs in through the CLI into a config file of its own, so each caller here keeps their own token. */
    private Path login(String username, String password) {
        Path config = directory.resolve(username + ".json");
        Run login = havenWithInput(password + "\n", "login", "--server", uri("").toString(), "--user", username,
                "--password-stdin", "--config", config.toString());
        assertThat(login.exitCode()).as(login.err()).isZero();
        return config;
    }

    private static JsonNode json(Run run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private static String slug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aNewcomerCreatesATenantAProjectAndAnAppWhoseKeyWorksUntilItIsRevoked() {
        Path admin = login(ADMIN, ADMIN_PASSWORD);

        String tenantSlug = slug("tour");
        Run created = haven(admin, "tenants", "create", tenantSlug, "--name", "Tour Hospital");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("created tenant " + tenantSlug);
        String tenant = json(haven(admin, "tenants", "list", "--all", "-o", "json")).path("items").valueStream()
                .filter(item -> item.path("slug").asString().equals(tenantSlug))
                .findFirst().orElseThrow().path("id").asString();

        Run project = haven(admin, "projects", "create", "--tenant", tenant, "Readmissions", "--description", "30-day readmissions");
        assertThat(project.exitCode()).as(project.err()).isZero();
        assertThat(project.out()).contains("created project Readmissions", "host tenant: " + tenant);

        String app = json(haven(admin, "apps", "create", "--tenant", tenant, "nightly-export", "-o", "json")).path("id").asString();
        Run createKey = haven(admin, "apps", "create-key", "--tenant", tenant, app, "--name", "ci");
        assertThat(createKey.exitCode()).as(createKey.err()).isZero();
        assertThat(createKey.out()).contains("will not be shown again");
        String key = createKey.out().lines().filter(line -> line.startsWith("hvn_app_")).findFirst().orElseThrow();
        String keyId = json(haven(admin, "apps", "keys", "--tenant", tenant, app, "-o", "json")).get(0).path("id").asString();

        // The app calls with its key, as HAVEN_TOKEN would supply it.
        Path appConfig = directory.resolve("app.json");
        new ConfigFile(appConfig).write(new ConfigFile.Contents(uri("").toString(), key));
        Run me = haven(appConfig, "me");
        assertThat(me.exitCode()).as(me.err()).isZero();
        assertThat(me.out()).contains("app:" + app, "tenant:", tenant);

        Run revoked = haven(admin, "apps", "revoke-key", "--tenant", tenant, app, keyId);
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        Run refused = haven(appConfig, "me");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("haven: not signed in to " + uri(""));
    }

    @Test
    void aTenantMovesUnderAParentAndBackToTheTop() {
        Path admin = login(ADMIN, ADMIN_PASSWORD);
        String parent = json(haven(admin, "tenants", "create", slug("region"), "--name", "Region", "-o", "json")).path("id").asText();
        String child = json(haven(admin, "tenants", "create", slug("council"), "--name", "Council", "-o", "json")).path("id").asText();

        assertThat(json(haven(admin, "tenants", "move", child, "--parent", parent, "-o", "json")).path("parent_id").asText()).isEqualTo(parent);
        Run cycle = haven(admin, "tenants", "move", parent, "--parent", child);
        assertThat(cycle.exitCode()).isEqualTo(1);
        assertThat(cycle.err()).contains("(conflict)");
        assertThat(json(haven(admin, "tenants", "move", child, "--top-level", "-o", "json")).path("parent_id").isMissingNode()).isTrue();
        assertThat(haven(admin, "tenants", "move", child).exitCode()).isEqualTo(2);
    }

    @Test
    void aMemberCannotGrantThemselvesAdministration() {
        Path admin = login(ADMIN, ADMIN_PASSWORD);
        String tenant = json(haven(admin, "tenants", "create", slug("members"), "--name", "Members", "-o", "json")).path("id").asString();
        Caller member = newUser("cli-member");
        Run granted = haven(admin, "tenants", "grant", tenant, "--user", member.id(), "--role", "member");
        assertThat(granted.exitCode()).as(granted.err()).isZero();
        assertThat(granted.out()).contains(member.subject() + " now holds member in tenant " + tenant);

        Path memberConfig = login(member.username(), member.password());
        Run selfGrant = haven(memberConfig, "tenants", "grant", tenant, "--user", member.id(), "--role", "organisation_admin");

        assertThat(selfGrant.exitCode()).isEqualTo(1);
        assertThat(selfGrant.err()).startsWith("haven: ").contains("(forbidden)").hasLineCount(1);
        assertThat(haven(admin, "tenants", "members", tenant).out())
                .containsPattern(member.subject() + " +member")
                .doesNotContain("organisation_admin");
    }

    @Test
    void theAuditChainIsIntact() {
        // Needs GET /api/v1/audit and POST /api/v1/audit/verify on the server.
        Path admin = login(ADMIN, ADMIN_PASSWORD);

        Run verify = haven(admin, "audit", "verify");

        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).matches("audit chain intact: \\d+ events\\R");
        Run list = haven(admin, "audit", "list", "--limit", "5");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).startsWith("#");
    }
}
