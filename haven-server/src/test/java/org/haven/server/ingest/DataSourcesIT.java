package org.haven.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Data sources and their permissions through the API: who can create, see, grant and what is refused. */
class DataSourcesIT extends SourceFixtures {

    @Test
    void aManagerCreatesASourceAndEachLevelSeesExactlyWhatItShould() {
        Area area = newArea("sources");
        JsonNode source = ok(get("/api/v1/sources/" + area.sourceId(), area.reader().token()));
        assertThat(source.path("name").asText()).isEqualTo("uploads");
        assertThat(source.path("tenant_id").asText()).isEqualTo(area.tenantId());
        assertThat(source.path("created_by").asText()).isEqualTo(area.manager().subject());

        // Names are unique per tenant.
        assertThat(send("POST", "/api/v1/tenants/" + area.tenantId() + "/sources", area.manager().token(), "{\"name\":\"uploads\"}")
                .statusCode()).isEqualTo(409);
        // A plain member cannot create sources.
        assertThat(send("POST", "/api/v1/tenants/" + area.tenantId() + "/sources", area.writer().token(), "{\"name\":\"mine\"}")
                .statusCode()).isEqualTo(403);

        JsonNode permissions = json(get("/api/v1/sources/" + area.sourceId() + "/permissions", area.manager().token()));
        assertThat(permissions.toString()).contains(area.writer().subject(), area.reader().subject());

        // A member with no level on the source lists nothing and cannot see it.
        Caller bystander = member(area.tenantId(), "bystander", "member");
        assertThat(json(get("/api/v1/tenants/" + area.tenantId() + "/sources", bystander.token())).path("items")).isEmpty();
        assertThat(get("/api/v1/sources/" + area.sourceId(), bystander.token()).statusCode()).isEqualTo(404);
        JsonNode listed = json(get("/api/v1/tenants/" + area.tenantId() + "/sources", area.reader().token()));
        assertThat(listed.path("items")).hasSize(1);
        assertThat(listed.path("items").get(0).path("id").asText()).isEqualTo(area.sourceId());

        // Writers and readers cannot grant.
        String grantBystander = "{\"subject\":\"" + bystander.subject() + "\",\"level\":\"reader\"}";
        assertThat(send("POST", "/api/v1/sources/" + area.sourceId() + "/permissions", area.writer().token(), grantBystander)
                .statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/sources/" + area.sourceId() + "/permissions", area.reader().token(), grantBystander)
                .statusCode()).isEqualTo(403);

        // A level replaces the one held before; revoking takes every level away at once.
        ok(send("POST", "/api/v1/sources/" + area.sourceId() + "/permissions", area.manager().token(),
                "{\"subject\":\"" + area.reader().subject() + "\",\"level\":\"admin\"}"));
        assertThat(json(get("/api/v1/sources/" + area.sourceId() + "/permissions", area.manager().token())).toString())
                .contains("{\"subject\":\"" + area.reader().subject() + "\",\"level\":\"admin\"}")
                .doesNotContain("{\"subject\":\"" + area.reader().subject() + "\",\"level\":\"reader\"}");
        assertThat(send("DELETE", "/api/v1/sources/" + area.sourceId() + "/permissions?subject=" + area.reader().subject(),
                area.manager().token(), null).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/sources/" + area.sourceId(), area.reader().token()).statusCode()).isEqualTo(404);
    }

    @Test
    void levelsGoOnlyToTheOwnerTenantsPeopleAndApps() {
        Area area = newArea("owner");
        Area other = newArea("other");
        String appOfOther = json(send("POST", "/api/v1/tenants/" + other.tenantId() + "/apps", adminToken(), "{\"name\":\"etl\"}"))
                .path("id").asText();
        String appOfOwner = json(send("POST", "/api/v1/tenants/" + area.tenantId() + "/apps", adminToken(), "{\"name\":\"etl\"}"))
                .path("id").asText();
        String grants = "/api/v1/sources/" + area.sourceId() + "/permissions";

        assertThat(send("POST", grants, area.manager().token(), "{\"subject\":\"" + other.writer().subject() + "\",\"level\":\"reader\"}")
                .statusCode()).isEqualTo(404);
        assertThat(send("POST", grants, area.manager().token(), "{\"subject\":\"app:" + appOfOther + "\",\"level\":\"reader\"}")
                .statusCode()).isEqualTo(404);
        assertThat(send("POST", grants, area.manager().token(), "{\"subject\":\"user:" + UUID.randomUUID() + "\",\"level\":\"reader\"}")
                .statusCode()).isEqualTo(404);
        assertThat(send("POST", grants, area.manager().token(), "{\"subject\":\"tenant:" + other.tenantId() + "\",\"level\":\"reader\"}")
                .statusCode()).isEqualTo(400);
        assertThat(send("POST", grants, area.manager().token(), "{\"subject\":\"app:" + appOfOwner + "\",\"level\":\"owner\"}")
                .statusCode()).isEqualTo(400);
        ok(send("POST", grants, area.manager().token(), "{\"subject\":\"app:" + appOfOwner + "\",\"level\":\"writer\"}"));
        assertThat(json(get(grants, area.manager().token())).toString()).contains("app:" + appOfOwner)
                .doesNotContain(other.writer().id(), appOfOther);

        // The app uploads with its key and is recorded as the uploader.
        String key = json(send("POST", "/api/v1/tenants/" + area.tenantId() + "/apps/" + appOfOwner + "/keys", adminToken(),
                "{\"name\":\"loader\"}")).path("token").asText();
        JsonNode file = created(upload(area.sourceId(), "from-app.csv", key, "a,b\n1,2\n".getBytes()));
        assertThat(file.path("uploaded_by").asText()).isEqualTo("app:" + appOfOwner);
    }

    @Test
    void anotherTenantsPeopleCannotReachOrDetectTheSource() {
        Area area = newArea("private");
        Area other = newArea("nosy");
        for (Caller caller : new Caller[] {other.manager(), other.writer()}) {
            assertThat(get("/api/v1/sources/" + area.sourceId(), caller.token()).statusCode()).isEqualTo(404);
            assertThat(get("/api/v1/sources/" + area.sourceId() + "/files", caller.token()).statusCode()).isEqualTo(404);
            assertThat(get("/api/v1/tenants/" + area.tenantId() + "/sources", caller.token()).statusCode()).isEqualTo(404);
            assertThat(upload(area.sourceId(), "x.csv", caller.token(), "a\n".getBytes()).statusCode()).isEqualTo(404);
        }
        assertThat(json(get("/api/v1/tenants/" + other.tenantId() + "/sources", other.manager().token())).toString())
                .doesNotContain(area.sourceId());
        assertThat(fileRows(area)).isZero();
    }
}
