package org.haven.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.haven.server.RunningServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What auditors and administrators use to review access: explanations, the audit trail and its verification. */
class AccessReviewIT extends RunningServer {

    @Test
    void explainShowsThePathThatGrantsOrWhyNoneDoes() {
        String admin = adminToken();
        String tenantId = json(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + slug() + "\",\"name\":\"Explained\"}")).path("id").asText();
        Caller member = newUser("explained");
        Caller outsider = newUser("outsider");
        send("PUT", "/api/v1/tenants/" + tenantId + "/members/user/" + member.id(), admin, "{\"roles\":[\"member\"]}");

        JsonNode granted = json(get("/api/v1/access/explain?resource=tenant:" + tenantId + "&permission=view&subject=" + member.subject(), admin));
        assertThat(granted.path("allowed").asBoolean()).isTrue();
        assertThat(granted.path("paths").toString()).contains("tenant:" + tenantId + "#member@user:" + member.id());

        JsonNode refused = json(get("/api/v1/access/explain?resource=tenant:" + tenantId + "&permission=view&subject=" + outsider.subject(), admin));
        assertThat(refused.path("allowed").asBoolean()).isFalse();
        assertThat(refused.path("paths")).isEmpty();
        assertThat(refused.path("reason").asText()).startsWith("no relationship connects");

        assertThat(get("/api/v1/access/explain?resource=tenant:" + tenantId + "&permission=fly&subject=" + member.subject(), admin).statusCode())
                .isEqualTo(400);
        assertThat(get("/api/v1/access/explain?resource=not-a-resource&permission=view&subject=" + member.subject(), admin).statusCode())
                .isEqualTo(400);
        assertThat(get("/api/v1/access/explain?resource=tenant:" + tenantId + "&permission=view&subject=" + member.subject(), member.token())
                .statusCode()).isEqualTo(403);
    }

    @Test
    void changesAndDenialsAreInTheAuditTrail() {
        String admin = adminToken();
        String tenantId = json(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + slug() + "\",\"name\":\"Audited\"}")).path("id").asText();
        Caller member = newUser("audited");
        send("PUT", "/api/v1/tenants/" + tenantId + "/members/user/" + member.id(), admin, "{\"roles\":[\"member\"]}");
        assertThat(send("PATCH", "/api/v1/tenants/" + tenantId, member.token(), "{\"name\":\"Mine\"}").statusCode()).isEqualTo(403);

        JsonNode created = json(get("/api/v1/audit?action=tenant.create&resource_type=tenant&resource_id=" + tenantId, admin));
        assertThat(created.path("items")).hasSize(1);
        JsonNode event = created.path("items").get(0).path("event");
        assertThat(event.path("decision").asText()).isEqualTo("SUCCEEDED");
        assertThat(event.path("actor").path("type").asText()).isEqualTo("USER");
        assertThat(event.path("request_id").asText()).isNotBlank();
        assertThat(event.path("client_address").asText()).isEqualTo("127.0.0.1");

        JsonNode denied = json(get("/api/v1/audit?action=access.administer&decision=DENIED&resource_type=tenant&resource_id=" + tenantId, admin));
        assertThat(denied.path("items")).hasSize(1);
        assertThat(denied.path("items").get(0).path("event").path("actor").path("id").asText()).isEqualTo(member.id());

        JsonNode roles = json(get("/api/v1/audit?action=tenant.roles.set&resource_id=" + tenantId + "&resource_type=tenant", admin));
        assertThat(roles.path("items").get(0).path("event").path("details").path("member").asText()).isEqualTo(member.subject());

        JsonNode verified = json(send("POST", "/api/v1/audit/verify", admin, null));
        assertThat(verified.path("ok").asBoolean()).isTrue();
        assertThat(verified.path("events_checked").asLong()).isPositive();

        assertThat(get("/api/v1/audit?limit=0", admin).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/audit", member.token()).statusCode()).isEqualTo(403);
    }

    @Test
    void rejectedCredentialsAreAuditedAsDenials() {
        String admin = adminToken();
        String path = "/api/v1/tenants/" + UUID.randomUUID();
        assertThat(get(path, "hvn_app_0123456789abcdef0123_forged").statusCode()).isEqualTo(401);
        JsonNode rejected = json(get("/api/v1/audit?action=authentication.rejected&limit=20", admin));
        assertThat(rejected.path("items").toString()).contains(path);
    }

    private static String slug() {
        return "review-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
