package org.haven.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.haven.server.RunningServer;
import org.haven.storage.BlobPage;
import org.haven.storage.BlobStore;
import org.haven.storage.BlobSummary;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A tenant with a data source and the people who use it: a data source manager (who administers every source of
 * the tenant), a writer and a reader (tenant members granted those levels on the source), and raw-body helpers for
 * uploads and downloads.
 */
abstract class SourceFixtures extends RunningServer {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected BlobStore blobs;

    /** Everything a test needs around one source. */
    record Area(String tenantId, String sourceId, Caller manager, Caller writer, Caller reader) {}

    protected Area newArea(String name) {
        String admin = adminToken();
        String slug = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        String tenantId = created(send("POST", "/api/v1/tenants", admin, "{\"slug\":\"" + slug + "\",\"name\":\"" + name + "\"}")).path("id").asText();
        Caller manager = member(tenantId, "manager", "data_source_manager");
        Caller writer = member(tenantId, "writer", "member");
        Caller reader = member(tenantId, "reader", "member");
        String sourceId = created(send("POST", "/api/v1/tenants/" + tenantId + "/sources", manager.token(),
                "{\"name\":\"uploads\",\"description\":\"files from partners\"}")).path("id").asText();
        assertThat(send("POST", "/api/v1/sources/" + sourceId + "/permissions", manager.token(),
                "{\"subject\":\"" + writer.subject() + "\",\"level\":\"writer\"}").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/sources/" + sourceId + "/permissions", manager.token(),
                "{\"subject\":\"" + reader.subject() + "\",\"level\":\"reader\"}").statusCode()).isEqualTo(200);
        return new Area(tenantId, sourceId, manager, writer, reader);
    }

    /** A new user holding {@code role} in the tenant. */
    protected Caller member(String tenantId, String prefix, String role) {
        Caller user = newUser(prefix);
        assertThat(send("PUT", "/api/v1/tenants/" + tenantId + "/members/user/" + user.id(), adminToken(),
                "{\"roles\":[\"" + role + "\"]}").statusCode()).isEqualTo(200);
        return user;
    }

    protected HttpResponse<String> upload(String sourceId, String path, String token, byte[] content) {
        return upload(sourceId, path, token, HttpRequest.BodyPublishers.ofByteArray(content), "text/csv");
    }

    protected HttpResponse<String> upload(String sourceId, String path, String token, HttpRequest.BodyPublisher body,
            String contentType) {
        String query = path == null ? "" : "?path=" + java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8);
        return raw("POST", "/api/v1/sources/" + sourceId + "/files" + query, token, body, contentType);
    }

    protected HttpResponse<String> putPart(String uploadId, int number, String token, byte[] content) {
        return raw("PUT", "/api/v1/uploads/" + uploadId + "/parts/" + number, token,
                HttpRequest.BodyPublishers.ofByteArray(content), "application/octet-stream");
    }

    protected HttpResponse<String> raw(String method, String path, String token, HttpRequest.BodyPublisher body,
            String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, body).header("Authorization", "Bearer " + token);
        if (contentType != null) {
            request.header("Content-Type", contentType);
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

    protected HttpResponse<byte[]> download(String sourceId, String fileId, String token, String range) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/sources/" + sourceId + "/files/" + fileId + "/content"))
                .header("Authorization", "Bearer " + token);
        if (range != null) {
            request.header("Range", range);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every blob key of the source: objects, staging leftovers and parts. */
    protected List<String> blobKeys(Area area) {
        String prefix = "tenants/" + area.tenantId() + "/sources/" + area.sourceId() + "/";
        List<String> keys = new ArrayList<>();
        String cursor = null;
        do {
            BlobPage page = blobs.list(prefix, cursor, 1000);
            page.items().stream().map(BlobSummary::key).forEach(key -> keys.add(key.value().substring(prefix.length())));
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);
        return keys;
    }

    protected long fileRows(Area area) {
        return jdbc.sql("SELECT count(*) FROM source_files WHERE source_id = :source").param("source", UUID.fromString(area.sourceId()))
                .query(Long.class).single();
    }

    protected static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    protected static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    protected static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    protected static byte[] bytes(int size, int seed) {
        byte[] content = new byte[size];
        new java.util.Random(seed).nextBytes(content);
        return content;
    }
}
