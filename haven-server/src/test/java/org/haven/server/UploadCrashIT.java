package org.haven.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.haven.storage.BlobStore;
import org.haven.storage.BlobSummary;
import org.haven.storage.filesystem.FilesystemBlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged server killed (SIGKILL) in the middle of a streaming upload: after a restart on the same data
 * directory there is no file row and no object, partial or whole, and the same upload then succeeds.
 */
class UploadCrashIT {

    private static final Duration READY = Duration.ofSeconds(90);
    private static final String PASSWORD = "crash-test-admin-password";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void aServerKilledMidUploadKeepsNothingOfItAndTakesItAgainAfterRestart() throws Exception {
        Path dataDir = temp.resolve("data");
        Map<String, String> environment = Map.of("HAVEN_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
        byte[] content = new byte[2 * 1024 * 1024];
        new Random(7).nextBytes(content);
        String tenant;
        String source;
        CountDownLatch release = new CountDownLatch(1);
        try (ServerProcess server = ServerProcess.start(dataDir, environment).awaitReady(READY)) {
            String token = signIn(server.baseUri());
            tenant = call(server.baseUri(), "POST", "/api/v1/tenants", token,
                    "{\"slug\":\"crash-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"Crash\"}").path("id").asString();
            source = call(server.baseUri(), "POST", "/api/v1/tenants/" + tenant + "/sources", token, "{\"name\":\"uploads\"}")
                    .path("id").asString();

            // Half the file arrives, then the sender stalls: the server is mid-upload when it dies.
            InputStream stalling = new StallingStream(content, content.length / 2, release);
            CompletableFuture<HttpResponse<String>> pending = http.sendAsync(
                    HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/sources/" + source + "/files?path=big.bin"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                            .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> stalling),
                                    content.length)).build(),
                    HttpResponse.BodyHandlers.ofString());
            awaitPartialWrite(dataDir.resolve("blobs").resolve("tmp"));
            server.kill();
            release.countDown();
            assertThat(pending).failsWithin(Duration.ofSeconds(30));
        }

        try (ServerProcess server = ServerProcess.start(dataDir, environment).awaitReady(READY)) {
            String token = signIn(server.baseUri());
            assertThat(call(server.baseUri(), "GET", "/api/v1/sources/" + source + "/files", token, null).path("items")).isEmpty();
            assertThat(fileRows(dataDir, source)).isZero();
            assertThat(objectFiles(dataDir, tenant)).isEmpty();
            try (Stream<Path> leftovers = Files.list(dataDir.resolve("blobs").resolve("tmp"))) {
                assertThat(leftovers).isEmpty();
            }

            HttpResponse<String> again = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/sources/" + source + "/files?path=big.bin"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
            assertThat(JSON.readTree(again.body()).path("sha256").asString()).isEqualTo(sha256(content));
            assertThat(fileRows(dataDir, source)).isEqualTo(1);
            assertThat(server.stop()).isEqualTo(ServerProcess.EXIT_AFTER_SIGTERM);
        }
        try (BlobStore blobs = FilesystemBlobStore.open(dataDir.resolve("blobs"))) {
            List<String> keys = blobs.list("tenants/" + tenant + "/", null, 100).items().stream()
                    .map(BlobSummary::key).map(key -> key.value()).toList();
            assertThat(keys).containsExactly("tenants/" + tenant + "/sources/" + source + "/objects/sha256/" + sha256(content));
        }
    }

    /** Waits until the blob store has a write in progress that already holds some bytes. */
    private static void awaitPartialWrite(Path tmp) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(tmp)) {
                try (Stream<Path> files = Files.list(tmp)) {
                    if (files.anyMatch(file -> sizeOf(file) > 512 * 1024)) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the upload never reached the blob store");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static List<Path> objectFiles(Path dataDir, String tenant) throws IOException {
        Path tenantObjects = dataDir.resolve("blobs").resolve("objects").resolve("tenants").resolve(tenant);
        if (!Files.exists(tenantObjects)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(tenantObjects)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static long fileRows(Path dataDir, String source) throws Exception {
        List<String> pidFile = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        int port = Integer.parseInt(pidFile.get(3).trim());
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*) FROM haven.source_files WHERE source_id = '" + source + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String signIn(URI server) throws Exception {
        return call(server, "POST", "/api/v1/auth/login", null, "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}")
                .path("access_token").asString();
    }

    private JsonNode call(URI server, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** Yields the first {@code stallAt} bytes, then blocks until released, then fails. */
    private static final class StallingStream extends InputStream {
        private final byte[] content;
        private final int stallAt;
        private final CountDownLatch release;
        private int position;

        StallingStream(byte[] content, int stallAt, CountDownLatch release) {
            this.content = content;
            this.stallAt = stallAt;
            this.release = release;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= stallAt) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the sender gave up");
            }
            int n = Math.min(length, stallAt - position);
            System.arraycopy(content, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
