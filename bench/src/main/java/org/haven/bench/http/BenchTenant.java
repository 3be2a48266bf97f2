package org.haven.bench.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The fixture, built through the public API as an operator would: the bootstrap admin signs in, creates a tenant and
 * an app, makes the app a member (so {@code tenant#view} is granted through a role, not through platform
 * administration) and issues it an API key.
 */
final class BenchTenant {

    private final HavenServerProcess server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String adminToken;
    private String tenantId;
    private String appKey;

    private BenchTenant(HavenServerProcess server) {
        this.server = server;
    }

    static BenchTenant create(HavenServerProcess server, String adminPassword) throws Exception {
        BenchTenant tenant = new BenchTenant(server);
        tenant.build(adminPassword);
        return tenant;
    }

    private void build(String adminPassword) throws Exception {
        adminToken = JsonFields.string(call("POST", "/api/v1/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"" + adminPassword + "\"}", 200), "access_token");
        tenantId = JsonFields.string(call("POST", "/api/v1/tenants", adminToken,
                "{\"slug\":\"bench\",\"name\":\"Bench\"}", 201), "id");
        String appId = JsonFields.string(call("POST", "/api/v1/tenants/" + tenantId + "/apps", adminToken,
                "{\"name\":\"bench\"}", 201), "id");
        call("PUT", "/api/v1/tenants/" + tenantId + "/members/app/" + appId, adminToken, "{\"roles\":[\"member\"]}", 200);
        appKey = JsonFields.string(call("POST", "/api/v1/tenants/" + tenantId + "/apps/" + appId + "/keys", adminToken,
                "{\"name\":\"bench\"}", 201), "token");
    }

    String tenantPath() {
        return "/api/v1/tenants/" + tenantId;
    }

    /** The same tenant through the benchmark's baseline endpoint, which skips the whole stack. */
    String barePath() {
        return "/bench/bare/tenants/" + tenantId;
    }

    /** The app's API key: authenticated by one indexed lookup. */
    String appKey() {
        return appKey;
    }

    /** The admin's local sign-in JWT: authenticated by an RS256 signature check, no lookup. */
    String adminToken() {
        return adminToken;
    }

    /** Length of the audit hash chain, as counted by a full verification; fails if the chain is broken. */
    long auditChainLength() throws Exception {
        String body = call("POST", "/api/v1/audit/verify", adminToken, null, 200);
        if (!JsonFields.bool(body, "ok")) {
            throw new IllegalStateException("audit chain verification failed: " + body);
        }
        return JsonFields.number(body, "events_checked");
    }

    private String call(String method, String path, String bearer, String json, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofMinutes(2))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode()
                    + " (expected " + expected + "): " + response.body());
        }
        return response.body();
    }
}
