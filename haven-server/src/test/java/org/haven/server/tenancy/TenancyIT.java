package org.haven.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.haven.server.RunningServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Tenants, roles, projects, apps and keys through the API, as an administrator and a newcomer would use them. */
class TenancyIT extends RunningServer {

    @Test
    void anAdministratorSetsUpATenantAProjectAnAppAndItsKey() {
        String admin = adminToken();
        JsonNode tenant = created(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + slug("nhs") + "\",\"name\":\"NHS Trust\"}"));
        String tenantId = tenant.path("id").asText();

        JsonNode project = created(send("POST", "/api/v1/tenants/" + tenantId + "/projects", admin,
                "{\"name\":\"Readmissions\",\"description\":\"30-day readmission study\"}"));
        assertThat(project.path("host_tenant_id").asText()).isEqualTo(tenantId);

        JsonNode app = created(send("POST", "/api/v1/tenants/" + tenantId + "/apps", admin, "{\"name\":\"loader\"}"));
        String appId = app.path("id").asText();
        ok(send("PUT", "/api/v1/tenants/" + tenantId + "/members/app/" + appId, admin, "{\"roles\":[\"member\"]}"));

        JsonNode key = created(send("POST", "/api/v1/tenants/" + tenantId + "/apps/" + appId + "/keys", admin, "{\"name\":\"ci\"}"));
        String apiKey = key.path("token").asText();
        assertThat(apiKey).startsWith("hvn_app_");

        JsonNode me = json(get("/api/v1/me", apiKey));
        assertThat(me.path("type").asText()).isEqualTo("app");
        assertThat(me.path("tenant_id").asText()).isEqualTo(tenantId);
        assertThat(me.path("authenticated_with").asText()).isEqualTo("api_key");
        assertThat(get("/api/v1/tenants/" + tenantId, apiKey).statusCode()).isEqualTo(200);

        // The key listing never shows a secret again.
        assertThat(get("/api/v1/tenants/" + tenantId + "/apps/" + appId + "/keys", admin).body())
                .doesNotContain(apiKey.substring(apiKey.lastIndexOf('_') + 1));
    }

    @Test
    void appKeysRotateWithTwoValidAtOnceAndRevocationIsImmediate() {
        String admin = adminToken();
        String tenantId = created(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + slug("rot") + "\",\"name\":\"Rotation\"}")).path("id").asText();
        String appId = created(send("POST", "/api/v1/tenants/" + tenantId + "/apps", admin, "{\"name\":\"etl\"}")).path("id").asText();
        ok(send("PUT", "/api/v1/tenants/" + tenantId + "/members/app/" + appId, admin, "{\"roles\":[\"member\"]}"));
        String keysPath = "/api/v1/tenants/" + tenantId + "/apps/" + appId + "/keys";

        JsonNode old = created(send("POST", keysPath, admin, "{\"name\":\"old\"}"));
        JsonNode fresh = created(send("POST", keysPath, admin, "{\"name\":\"new\"}"));
        assertThat(get("/api/v1/me", old.path("token").asText()).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/me", fresh.path("token").asText()).statusCode()).isEqualTo(200);

        HttpResponse<String> third = send("POST", keysPath, admin, "{\"name\":\"third\"}");
        assertThat(third.statusCode()).isEqualTo(409);

        assertThat(send("DELETE", keysPath + "/" + old.path("info").path("id").asText(), admin, null).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/me", old.path("token").asText()).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/me", fresh.path("token").asText()).statusCode()).isEqualTo(200);

        String tampered = tamper(fresh.path("token").asText());
        assertThat(get("/api/v1/me", tampered).statusCode()).isEqualTo(401);
    }

    @Test
    void rolesGrantExactlyWhatTheSchemaSays() {
        String admin = adminToken();
        String tenantId = created(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + slug("roles") + "\",\"name\":\"Roles\"}")).path("id").asText();
        Caller member = newUser("member");
        Caller orgAdmin = newUser("orgadmin");
        ok(send("PUT", "/api/v1/tenants/" + tenantId + "/members/user/" + member.id(), admin, "{\"roles\":[\"member\"]}"));
        ok(send("PUT", "/api/v1/tenants/" + tenantId + "/members/user/" + orgAdmin.id(), admin, "{\"roles\":[\"organisation_admin\"]}"));

        // A member sees the tenant but cannot change it, nor give themselves more.
        assertThat(get("/api/v1/tenants/" + tenantId, member.token()).statusCode()).isEqualTo(200);
        assertThat(send("PATCH", "/api/v1/tenants/" + tenantId, member.token(), "{\"name\":\"Mine now\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> escalation = send("PUT", "/api/v1/tenants/" + tenantId + "/members/user/" + member.id(), member.token(),
                "{\"roles\":[\"organisation_admin\"]}");
        assertThat(escalation.statusCode()).isEqualTo(403);
        JsonNode memberCapabilities = json(get("/api/v1/me/capabilities?resource=tenant:" + tenantId, member.token()));
        assertThat(memberCapabilities.path("permissions").path("view").asBoolean()).isTrue();
        assertThat(memberCapabilities.path("permissions").path("administer").asBoolean()).isFalse();

        // The organisation admin can manage members and create projects.
        assertThat(send("PATCH", "/api/v1/tenants/" + tenantId, orgAdmin.token(), "{\"name\":\"Renamed\"}").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/tenants/" + tenantId + "/projects", orgAdmin.token(), "{\"name\":\"P\"}").statusCode()).isEqualTo(201);

        // Taking roles away takes access away at once.
        assertThat(send("DELETE", "/api/v1/tenants/" + tenantId + "/members/user/" + member.id(), orgAdmin.token(), null).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/tenants/" + tenantId, member.token()).statusCode()).isEqualTo(404);
    }

    @Test
    void projectsHavePartnersAdminsAndDataUsers() {
        String admin = adminToken();
        String host = created(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + slug("host") + "\",\"name\":\"Host\"}")).path("id").asText();
        String partner = created(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + slug("partner") + "\",\"name\":\"Partner\"}")).path("id").asText();
        String projectId = created(send("POST", "/api/v1/tenants/" + host + "/projects", admin, "{\"name\":\"Study\"}")).path("id").asText();
        Caller partnerAdmin = newUser("partneradmin");
        Caller analyst = newUser("analyst");
        ok(send("PUT", "/api/v1/tenants/" + partner + "/members/user/" + partnerAdmin.id(), admin, "{\"roles\":[\"organisation_admin\"]}"));

        assertThat(get("/api/v1/projects/" + projectId, partnerAdmin.token()).statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/api/v1/projects/" + projectId + "/partners/" + partner, admin, null).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/projects/" + projectId, partnerAdmin.token()).statusCode()).isEqualTo(200);
        assertThat(json(get("/api/v1/projects/" + projectId + "/partners", admin)).get(0).asText()).isEqualTo(partner);

        ok(send("PUT", "/api/v1/projects/" + projectId + "/members/user/" + analyst.id(), admin, "{\"roles\":[\"data_user\"]}"));
        JsonNode capabilities = json(get("/api/v1/me/capabilities?resource=project:" + projectId, analyst.token()));
        assertThat(capabilities.path("permissions").path("use_data").asBoolean()).isTrue();
        assertThat(capabilities.path("permissions").path("administer").asBoolean()).isFalse();

        List<String> listed = ids(json(get("/api/v1/projects", analyst.token())).path("items"));
        assertThat(listed).containsExactly(projectId);
    }

    @Test
    void parentLinksCanBeSetAndClearedButNeverMakeACycle() {
        String admin = adminToken();
        String region = created(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + slug("region") + "\",\"name\":\"Region\"}")).path("id").asText();
        String council = created(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + slug("council") + "\",\"name\":\"Council\"}")).path("id").asText();
        Caller regionAdmin = newUser("regionadmin");
        ok(send("PUT", "/api/v1/tenants/" + region + "/members/user/" + regionAdmin.id(), admin, "{\"roles\":[\"organisation_admin\"]}"));

        // The region's admin administers the region but not the council: moving the council is not theirs to do.
        assertThat(send("PUT", "/api/v1/tenants/" + council + "/parent/" + region, regionAdmin.token(), null).statusCode()).isEqualTo(404);

        JsonNode moved = ok(send("PUT", "/api/v1/tenants/" + council + "/parent/" + region, admin, null));
        assertThat(moved.path("parent_id").asText()).isEqualTo(region);
        // A parent sees only what a child shares with it, not the child itself.
        assertThat(get("/api/v1/tenants/" + council, regionAdmin.token()).statusCode()).isEqualTo(404);

        HttpResponse<String> cycle = send("PUT", "/api/v1/tenants/" + region + "/parent/" + council, admin, null);
        assertThat(cycle.statusCode()).isEqualTo(409);
        assertThat(send("PUT", "/api/v1/tenants/" + region + "/parent/" + region, admin, null).statusCode()).isEqualTo(409);

        JsonNode detached = ok(send("DELETE", "/api/v1/tenants/" + council + "/parent", admin, null));
        assertThat(detached.path("parent_id").isMissingNode() || detached.path("parent_id").isNull()).isTrue();
    }

    @Test
    void listsPageWithACursorAndShowOnlyWhatTheCallerMaySee() {
        String admin = adminToken();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(created(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + slug("page") + "\",\"name\":\"Page " + i + "\"}")).path("id").asText());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = json(get("/api/v1/tenants?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), admin));
            seen.addAll(ids(page.path("items")));
            cursor = page.path("next_cursor").isMissingNode() || page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            pages++;
        } while (cursor != null && pages < 1000);
        assertThat(seen).doesNotHaveDuplicates().containsAll(created);

        Caller outsider = newUser("outsider");
        assertThat(json(get("/api/v1/tenants", outsider.token())).path("items")).isEmpty();
        assertThat(get("/api/v1/tenants?limit=0", admin).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/tenants?cursor=%25%25%25", admin).statusCode()).isEqualTo(400);
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        String admin = adminToken();
        assertThat(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"Not A Slug\",\"name\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"ok-slug\"}").statusCode()).isEqualTo(400);
        String slug = slug("dup");
        created(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + slug + "\",\"name\":\"One\"}"));
        HttpResponse<String> duplicate = send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + slug + "\",\"name\":\"Two\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(json(duplicate).path("code").asText()).isEqualTo("conflict");

        String tenantId = created(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + slug("bad") + "\",\"name\":\"Bad\"}")).path("id").asText();
        HttpResponse<String> unknownRole = send("PUT", "/api/v1/tenants/" + tenantId + "/members/user/" + UUID.randomUUID(), admin,
                "{\"roles\":[\"god\"]}");
        assertThat(unknownRole.statusCode()).isEqualTo(400);
        HttpResponse<String> unknownUser = send("PUT", "/api/v1/tenants/" + tenantId + "/members/user/" + UUID.randomUUID(), admin,
                "{\"roles\":[\"member\"]}");
        assertThat(unknownUser.statusCode()).isEqualTo(404);
        assertThat(json(get("/api/v1/tenants/" + tenantId + "/members", admin))).isEmpty();
    }

    private static String slug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static String tamper(String token) {
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    }
}
