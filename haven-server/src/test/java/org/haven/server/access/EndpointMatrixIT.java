package org.haven.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.haven.server.RunningServer;
import org.haven.server.web.AuthorizesOnData;
import org.haven.server.web.PublicEndpoint;
import org.haven.server.web.RequiresPermission;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Walks every registered API endpoint and proves the access rules hold for each, so a new endpoint cannot slip
 * through without a declaration or with a weaker one than it states:
 * (a) without credentials: 401; (b) a signed-in caller without the permission: 403 or 404; (c) a user or an app of
 * tenant A, even its organisation admin, on tenant B's things: 404, so B's ids cannot even be probed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointMatrixIT extends RunningServer {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private World a;
    private World b;
    private Caller nobody;

    @BeforeAll
    void twoTenants() {
        a = World.create(this, "a");
        b = World.create(this, "b");
        nobody = newUser("nobody");
    }

    @Test
    void everyApiEndpointDeclaresHowItIsAuthorised() {
        List<String> undeclared = endpoints().filter(endpoint -> endpoint.declarations() != 1).map(Endpoint::toString).toList();
        assertThat(undeclared).as("endpoints with no (or more than one) access declaration").isEmpty();
    }

    @Test
    void withoutCredentialsEveryProtectedEndpointAnswers401() {
        endpoints().filter(endpoint -> !endpoint.isPublic()).forEach(endpoint -> {
            HttpResponse<String> response = send(endpoint.method(), endpoint.path(b), null, endpoint.body());
            assertThat(response.statusCode()).as(endpoint.toString()).isEqualTo(401);
        });
    }

    @Test
    void aCallerWithoutThePermissionIsRefused() {
        endpoints().filter(Endpoint::checksAPermission).forEach(endpoint -> {
            HttpResponse<String> response = send(endpoint.method(), endpoint.path(b), nobody.token(), endpoint.body());
            assertThat(response.statusCode()).as(endpoint + " as a user with no roles").isIn(403, 404);
        });
    }

    @Test
    void tenantAsPeopleAndAppsCannotReachOrDetectTenantBsThings() {
        for (Caller caller : List.of(a.orgAdmin(), a.member(), a.app())) {
            endpoints().filter(Endpoint::checksAPermission).filter(Endpoint::isTenantScoped).forEach(endpoint -> {
                HttpResponse<String> response = send(endpoint.method(), endpoint.path(b), caller.token(), endpoint.body());
                assertThat(response.statusCode()).as(endpoint + " as " + caller.subject() + " of tenant A").isEqualTo(404);
            });
        }
    }

    /** Upload routes decide on the upload itself: to anyone but its starter and the source's admins it does not exist. */
    @Test
    void uploadsOfTenantBDoNotExistForAnyoneElse() {
        List<Endpoint> uploadRoutes = endpoints().filter(endpoint -> endpoint.pattern().contains("{uploadId}")).toList();
        assertThat(uploadRoutes).hasSizeGreaterThanOrEqualTo(4);
        for (Caller caller : List.of(nobody, a.orgAdmin(), a.member(), a.app())) {
            uploadRoutes.forEach(endpoint -> {
                HttpResponse<String> response = send(endpoint.method(), endpoint.path(b), caller.token(), endpoint.body());
                assertThat(response.statusCode()).as(endpoint + " as " + caller.subject()).isEqualTo(404);
            });
        }
        assertThat(get("/api/v1/uploads/" + b.uploadId(), adminToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void listsShowTenantANothingOfTenantB() {
        for (Caller caller : List.of(a.orgAdmin(), a.member(), a.app())) {
            String tenants = get("/api/v1/tenants", caller.token()).body();
            String projects = get("/api/v1/projects", caller.token()).body();
            String datasets = get("/api/v1/tenants/" + b.tenantId() + "/datasets", caller.token()).body();
            assertThat(datasets).as(caller.subject()).doesNotContain(b.datasetId());
            assertThat(tenants).as(caller.subject()).contains(a.tenantId()).doesNotContain(b.tenantId());
            assertThat(projects).as(caller.subject()).doesNotContain(b.projectId());
            JsonNode capabilities = json(get("/api/v1/me/capabilities?resource=tenant:" + b.tenantId(), caller.token()));
            capabilities.path("permissions").forEach(granted -> assertThat(granted.asBoolean()).as(caller.subject()).isFalse());
        }
    }

    @Test
    void anOrganisationAdminCannotMakeThemselvesPlatformAdmin() {
        assertThat(send("POST", "/api/v1/tenants", a.orgAdmin().token(), "{\"slug\":\"takeover\",\"name\":\"x\"}").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/users", a.orgAdmin().token(), "{\"username\":\"sneaky\",\"password\":\"long-enough-password\"}")
                .statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/audit", a.orgAdmin().token()).statusCode()).isEqualTo(403);
    }

    private Stream<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            Set<String> patterns = entry.getKey().getPatternValues();
            Set<org.springframework.web.bind.annotation.RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            for (String pattern : patterns) {
                if (!pattern.startsWith("/api/") || pattern.startsWith("/api/v1/test-probe")) {
                    continue;
                }
                for (var method : methods) {
                    endpoints.add(new Endpoint(method.name(), pattern, entry.getValue()));
                }
            }
        }
        assertThat(endpoints).hasSizeGreaterThan(20);
        return endpoints.stream();
    }

    /** One route of one handler. */
    record Endpoint(String method, String pattern, HandlerMethod handler) {

        int declarations() {
            return (handler.hasMethodAnnotation(RequiresPermission.class) ? 1 : 0)
                    + (handler.hasMethodAnnotation(AuthorizesOnData.class) ? 1 : 0)
                    + (handler.hasMethodAnnotation(PublicEndpoint.class) ? 1 : 0);
        }

        boolean isPublic() {
            return handler.hasMethodAnnotation(PublicEndpoint.class);
        }

        boolean checksAPermission() {
            return handler.hasMethodAnnotation(RequiresPermission.class);
        }

        /** Its resource belongs to a tenant (rather than to the platform). */
        boolean isTenantScoped() {
            RequiresPermission required = handler.getMethodAnnotation(RequiresPermission.class);
            return required != null && !required.resourceType().equals("platform");
        }

        /** The route with its variables filled in with the ids of {@code world}'s things. */
        String path(World world) {
            return pattern
                    .replace("{tenantId}", world.tenantId())
                    .replace("{projectId}", world.projectId())
                    .replace("{appId}", world.appId())
                    .replace("{datasetId}", world.datasetId())
                    .replace("{version}", "1")
                    .replace("{partnerTenantId}", world.tenantId())
                    .replace("{parentId}", world.tenantId())
                    .replace("{subjectType}", "user")
                    .replace("{subjectId}", world.member().id())
                    .replace("{keyId}", "0123456789abcdef0123")
                    .replace("{tokenId}", "0123456789abcdef0123")
                    .replace("{sourceId}", world.sourceId())
                    .replace("{fileId}", world.fileId())
                    .replace("{uploadId}", world.uploadId())
                    .replace("{partNumber}", "1")
                    .replace("{name}", world.pipelineName())
                    .replace("{runId}", world.runId())
                    .replace("{grantId}", world.runId())
                    .replace("{purpose}", "encrypt")
                    .replace("{id}", "p1");
        }

        String body() {
            return method.equals("GET") || method.equals("DELETE") ? null : "{}";
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /**
     * A tenant with a project, a dataset, an app, an organisation admin and a member, a data source holding a file
     * and an unfinished multipart upload, and a pipeline with one run.
     */
    record World(String tenantId, String projectId, String datasetId, String appId, Caller orgAdmin, Caller member,
            Caller app, String sourceId, String fileId, String uploadId, String pipelineName, String runId) {

        static World create(EndpointMatrixIT test, String name) {
            String admin = test.adminToken();
            String slug = name + "-" + UUID.randomUUID().toString().substring(0, 8);
            String tenantId = json(test.send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + slug + "\",\"name\":\"" + name + "\"}")).path("id").asText();
            String projectId = json(test.send("POST", "/api/v1/tenants/" + tenantId + "/projects", admin, "{\"name\":\"p\"}")).path("id").asText();
            String datasetId = json(test.send("POST", "/api/v1/tenants/" + tenantId + "/datasets", admin, "{\"name\":\"d\",\"schema\":"
                    + "{\"fields\":[{\"name\":\"id\",\"data_type\":\"INTEGER\",\"identifier_type\":\"NON_ID\"}]}}")).path("id").asText();
            if (datasetId.isBlank()) {
                throw new AssertionError("could not create the dataset of tenant " + name);
            }
            String appId = json(test.send("POST", "/api/v1/tenants/" + tenantId + "/apps", admin, "{\"name\":\"app\"}")).path("id").asText();
            Caller orgAdmin = test.newUser(name + "-admin");
            Caller member = test.newUser(name + "-member");
            test.send("PUT", "/api/v1/tenants/" + tenantId + "/members/user/" + orgAdmin.id(), admin, "{\"roles\":[\"organisation_admin\"]}");
            test.send("PUT", "/api/v1/tenants/" + tenantId + "/members/user/" + member.id(), admin, "{\"roles\":[\"member\"]}");
            test.send("PUT", "/api/v1/tenants/" + tenantId + "/members/app/" + appId, admin, "{\"roles\":[\"organisation_admin\"]}");
            String key = json(test.send("POST", "/api/v1/tenants/" + tenantId + "/apps/" + appId + "/keys", admin, "{\"name\":\"k\"}"))
                    .path("token").asText();
            String sourceId = json(test.send("POST", "/api/v1/tenants/" + tenantId + "/sources", admin, "{\"name\":\"s\"}")).path("id").asText();
            String fileId = json(test.send("POST", "/api/v1/sources/" + sourceId + "/files?path=a.csv", admin, "{\"a\":1}")).path("id").asText();
            String uploadId = json(test.send("POST", "/api/v1/sources/" + sourceId + "/uploads", admin, "{\"path\":\"b.csv\"}")).path("id").asText();
            test.send("POST", "/api/v1/tenants/" + tenantId + "/pipelines", admin,
                    "{\"definition\":\"name: p\\nsteps:\\n  - {id: land, type: land}\\n\"}");
            String runId = json(test.send("POST", "/api/v1/tenants/" + tenantId + "/pipelines/p/runs", admin,
                    "{\"inputs\":{\"source_id\":\"" + sourceId + "\",\"file_id\":\"" + fileId + "\"}}")).path("run_id").asText();
            assertThat(List.of(sourceId, fileId, uploadId, runId)).allMatch(id -> !id.isEmpty());
            return new World(tenantId, projectId, datasetId, appId, orgAdmin, member,
                    new Caller("app", appId, key, null, null), sourceId, fileId, uploadId, "p", runId);
        }
    }
}
