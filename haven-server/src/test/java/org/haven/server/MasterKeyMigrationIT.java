package org.haven.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.privacy.KeyException;
import org.haven.privacy.KeyPurpose;
import org.haven.privacy.KeyRing;
import org.haven.privacy.KeyScope;
import org.haven.privacy.KeysetRepositories;
import org.haven.privacy.KeysetRepository;
import org.haven.privacy.MasterKey;
import org.haven.privacy.PrivacySchemaMigrations;
import org.haven.privacy.StoredKeyset;
import org.haven.server.database.DatabaseMigrations;
import org.haven.server.privacy.internal.AwsKmsClient;
import org.haven.testing.TestDatabase;
import org.haven.testing.TestPostgres;
import org.haven.testing.kms.KmsTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import tools.jackson.databind.JsonNode;

/**
 * Moving a deployment from a master key file to a key held by AWS KMS: the keysets the file wrapped are rewrapped
 * at start, keep their keys (same tokens), and the server then runs on the KMS key alone.
 */
class MasterKeyMigrationIT {

    private static final Duration READY = Duration.ofSeconds(90);
    private static final byte[] NHS_NUMBER = "9434765919".getBytes(StandardCharsets.UTF_8);
    private static final String ADMIN_PASSWORD = "migration-admin-password";

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void keysetsMoveFromTheKeyFileToAKmsKeyAndGiveTheSameTokens() throws Exception {
        try (TestDatabase database = TestPostgres.external(); KmsTestServer kms = KmsTestServer.start();
                AwsKmsClient kmsClient = new AwsKmsClient(kms.endpoint(), StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(KmsTestServer.ACCESS_KEY, KmsTestServer.SECRET_KEY)))) {
            // What a deployment on a key file has stored: keysets of two tenants, wrapped by the file's key.
            DatabaseMigrations.apply(database.dataSource(), database.schema());
            PrivacySchemaMigrations.apply(database.dataSource());
            Path keyFile = temp.resolve("secrets").resolve("master-key");
            MasterKey fileKey = MasterKey.fromFileOrGenerate(keyFile);
            KeysetRepository keysets = KeysetRepositories.jdbc(database.dataSource());
            KeyRing onFile = new KeyRing(keysets, fileKey);
            KeyScope project = KeyScope.project("tenant-a", "p1");
            byte[] token = onFile.forScope(project).tokeniser().compute(NHS_NUMBER, 24);
            byte[] ciphertext = onFile.forScope(KeyScope.tenant("tenant-b")).encrypter().encrypt(NHS_NUMBER, null);
            List<StoredKeyset> before = keysets.listAll();
            assertThat(before).hasSize(2);

            String keyUri = AwsKmsClient.PREFIX + kms.createKey();
            Map<String, String> onKms = new HashMap<>(Map.of(
                    "HAVEN_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test",
                    "HAVEN_DB_USER", database.user(),
                    "HAVEN_DB_SCHEMA", database.schema(),
                    "HAVEN_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                    "HAVEN_MASTER_KEY_URI", keyUri,
                    "HAVEN_KMS_ENDPOINT", kms.endpoint().toString(),
                    "AWS_ACCESS_KEY_ID", KmsTestServer.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", KmsTestServer.SECRET_KEY));

            // Naming the wrong previous key stops the start and names what it could not open, and changes nothing.
            Path wrongFile = temp.resolve("secrets").resolve("another-key");
            MasterKey wrongKey = MasterKey.fromFileOrGenerate(wrongFile);
            Map<String, String> wrongPrevious = new HashMap<>(onKms);
            wrongPrevious.put("HAVEN_PREVIOUS_MASTER_KEY_FILE", wrongFile.toString());
            try (ServerProcess server = ServerProcess.start(temp.resolve("data"), wrongPrevious)) {
                assertThat(server.awaitExit(READY)).isNotZero();
                assertThat(server.log()).contains("2 stored keyset(s) open with neither the master key kms:" + keyUri
                        + " nor the previous master key " + wrongKey.id(), before.get(0).keysetId(),
                        before.get(1).keysetId(), "recorded as wrapped by " + fileKey.id());
                assertThat(server.log()).doesNotContain(Files.readString(keyFile).strip(),
                        Files.readString(wrongFile).strip(), KmsTestServer.SECRET_KEY);
            }
            assertThat(keysets.listAll()).containsExactlyInAnyOrderElementsOf(before);

            Map<String, String> moving = new HashMap<>(onKms);
            moving.put("HAVEN_PREVIOUS_MASTER_KEY_FILE", keyFile.toString());
            String tenant;
            try (ServerProcess server = ServerProcess.start(temp.resolve("data"), moving).awaitReady(READY)) {
                assertThat(server.log()).contains("Keysets are wrapped by master key kms:" + keyUri,
                        "Rewrapped 2 keyset(s) from the previous master key " + fileKey.id());
                assertThat(server.log()).doesNotContain(Files.readString(keyFile).strip(), KmsTestServer.SECRET_KEY);
                // A keyset made now is wrapped by the KMS key from the start.
                String admin = signIn(server);
                tenant = json(call(server, "POST", "/api/v1/tenants", admin,
                        "{\"slug\":\"kms-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"KMS\"}"))
                        .path("id").asString();
                assertThat(call(server, "POST", "/api/v1/tenants/" + tenant + "/keys/encrypt/rotate", admin, "{}")
                        .statusCode()).isEqualTo(200);
                assertThat(server.stop()).isEqualTo(ServerProcess.EXIT_AFTER_SIGTERM);
            }

            assertThat(keysets.listAll()).hasSize(3).allSatisfy(stored ->
                    assertThat(stored.masterKeyId()).isEqualTo("kms:" + keyUri));
            KeyRing onKmsRing = new KeyRing(keysets, MasterKey.fromKms(kmsClient, keyUri));
            assertThat(onKmsRing.forScope(project).tokeniser().compute(NHS_NUMBER, 24)).isEqualTo(token);
            assertThat(onKmsRing.forScope(KeyScope.tenant("tenant-b")).encrypter().decrypt(ciphertext, null))
                    .isEqualTo(NHS_NUMBER);
            assertThat(onKmsRing.describe(project, KeyPurpose.TOKENISE).orElseThrow().version()).isEqualTo(2);
            assertThatThrownBy(() -> new KeyRing(keysets, fileKey).forScope(project).tokeniser())
                    .isInstanceOf(KeyException.class);

            // The key file can go: the KMS key alone opens everything.
            Files.delete(keyFile);
            try (ServerProcess server = ServerProcess.start(temp.resolve("data"), onKms).awaitReady(READY)) {
                assertThat(server.log()).doesNotContain("Rewrapped");
                JsonNode listed = json(call(server, "GET", "/api/v1/tenants/" + tenant + "/keys", signIn(server), null));
                assertThat(listed.toString()).contains("\"purpose\":\"encrypt\"", "\"version\":2");
                assertThat(server.stop()).isEqualTo(ServerProcess.EXIT_AFTER_SIGTERM);
            }
        }
    }

    private String signIn(ServerProcess server) {
        HttpResponse<String> response = call(server, "POST", "/api/v1/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("access_token").asString();
    }

    private HttpResponse<String> call(ServerProcess server, String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return RunningServer.JSON.readTree(response.body());
    }
}
