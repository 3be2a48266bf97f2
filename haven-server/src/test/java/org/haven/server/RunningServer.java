package org.haven.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the tests that talk to one in-process server on the embedded defaults over real HTTP, with the built-in
 * sign-in and a real OIDC issuer (started here) both configured. The subclasses share its configuration, so Spring
 * starts the server (and its PostgreSQL) once for all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RunningServer {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "correct-horse-battery-staple";
    public static final String OIDC_AUDIENCE = "haven-api";
    /** A subject of the OIDC issuer that the server makes a platform administrator on first call. */
    public static final String OIDC_ADMINISTRATOR = "oidc-platform-admin";
    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final long UPLOAD_MAX_FILE_BYTES = 1024 * 1024;
    public static final long UPLOAD_MAX_FILES_PER_TENANT = 8;
    public static final long UPLOAD_MAX_TENANT_BYTES = 3 * 1024 * 1024;
    public static final long UPLOAD_MAX_PART_BYTES = 512 * 1024;

    private static final Path DATA_DIR = createDataDir();
    protected static final MockOAuth2Server OIDC = startIssuer();
    private static final Map<String, String> SIGNED_IN = new ConcurrentHashMap<>();

    protected final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void embeddedDefaults(DynamicPropertyRegistry registry) {
        registry.add("haven.data-dir", DATA_DIR::toString);
        registry.add("haven.http.max-request-bytes", () -> "4096");
        registry.add("haven.identity.bootstrap-admin", () -> ADMIN);
        registry.add("haven.identity.bootstrap-admin-password", () -> ADMIN_PASSWORD);
        registry.add("haven.identity.oidc.issuer", () -> OIDC.issuerUrl("default").toString());
        registry.add("haven.identity.oidc.audience", () -> OIDC_AUDIENCE);
        registry.add("haven.identity.oidc.administrators", () -> OIDC_ADMINISTRATOR);
        // The suites sign in and call far more often than a person would; the limits have tests of their own.
        registry.add("haven.rate-limit.sign-in.capacity", () -> "100000");
        registry.add("haven.rate-limit.address.capacity", () -> "1000000");
        registry.add("haven.rate-limit.read.capacity", () -> "1000000");
        registry.add("haven.rate-limit.write.capacity", () -> "1000000");
        // Small upload limits, so the tests can reach them; quotas are per tenant and each test makes its own.
        registry.add("haven.uploads.max-file-bytes", () -> Long.toString(UPLOAD_MAX_FILE_BYTES));
        registry.add("haven.uploads.max-files-per-tenant", () -> Long.toString(UPLOAD_MAX_FILES_PER_TENANT));
        registry.add("haven.uploads.max-tenant-bytes", () -> Long.toString(UPLOAD_MAX_TENANT_BYTES));
        registry.add("haven.uploads.max-part-bytes", () -> Long.toString(UPLOAD_MAX_PART_BYTES));
        // Runs start within a poll; a killed step is taken over after four missed heartbeats.
        registry.add("haven.pipelines.poll-interval", () -> "100ms");
        registry.add("haven.pipelines.heartbeat-interval", () -> "1s");
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A bearer token for the bootstrap administrator. */
    protected String adminToken() {
        return signIn(ADMIN, ADMIN_PASSWORD);
    }

    protected String signIn(String username, String password) {
        return SIGNED_IN.computeIfAbsent(username + "\n" + password, key -> {
            HttpResponse<String> response = send("POST", "/api/v1/auth/login", null,
                    "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
            if (response.statusCode() != 200) {
                throw new AssertionError("sign-in as " + username + " failed: " + response.statusCode() + " " + response.body());
            }
            return json(response).path("access_token").asText();
        });
    }

    /** A new local user with no roles anywhere; returns its id and a token. */
    protected Caller newUser(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "password-" + UUID.randomUUID();
        HttpResponse<String> created = send("POST", "/api/v1/users", adminToken(),
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (created.statusCode() != 201) {
            throw new AssertionError("could not create user: " + created.body());
        }
        return new Caller("user", json(created).path("id").asText(), signIn(username, password), username, password);
    }

    /** Someone who can call the API: a user or an app, with a bearer token. */
    public record Caller(String type, String id, String token, String username, String password) {
        public String subject() {
            return type + ":" + id;
        }
    }

    protected HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null);
    }

    protected HttpResponse<String> send(String method, String path, String token, String jsonBody) {
        return sendWithHeader(method, path, token, jsonBody, null, null);
    }

    /** {@link #send} with one more request header, when {@code header} is not null. */
    protected HttpResponse<String> sendWithHeader(String method, String path, String token, String jsonBody,
            String header, String value) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (header != null) {
            request.header(header, value);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static MockOAuth2Server startIssuer() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "oidc-issuer-shutdown"));
        return server;
    }

    private static Path createDataDir() {
        try {
            Path directory = Files.createTempDirectory("haven-server-it");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
