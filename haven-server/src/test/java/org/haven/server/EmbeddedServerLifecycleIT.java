package org.haven.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.haven.privacy.MasterKey;
import org.haven.server.cli.CliAgainstServerIT;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobStore;
import org.haven.storage.filesystem.FilesystemBlobStore;
import org.haven.storage.s3.S3ProxyServer;
import org.haven.testing.TestDatabase;
import org.haven.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The server as an operator runs it: started, stopped, killed and started again on one data directory. */
class EmbeddedServerLifecycleIT {

    private static final Duration READY = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    @Test
    void restartingKeepsEveryByteOfData() throws Exception {
        Path dataDir = temp.resolve("data");
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of()).awaitReady(READY)) {
            try (Connection db = connectToEmbedded(dataDir); Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE haven.survivor (note text)");
                sql.execute("INSERT INTO haven.survivor VALUES ('still here')");
            }
            assertThat(server.stop()).isEqualTo(ServerProcess.EXIT_AFTER_SIGTERM);
        }
        // A graceful stop also stops PostgreSQL cleanly.
        assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
        byte[] content = "blob bytes".getBytes(StandardCharsets.UTF_8);
        String sha256;
        try (BlobStore blobs = FilesystemBlobStore.open(dataDir.resolve("blobs"))) {
            sha256 = blobs.put(BlobKey.of("survivor/blob.txt"), new ByteArrayInputStream(content)).sha256();
        }

        try (ServerProcess server = ServerProcess.start(dataDir, Map.of()).awaitReady(READY)) {
            try (Connection db = connectToEmbedded(dataDir); Statement sql = db.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT note FROM haven.survivor")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("still here");
            }
            assertThat(server.stop()).isEqualTo(ServerProcess.EXIT_AFTER_SIGTERM);
        }
        try (BlobStore blobs = FilesystemBlobStore.open(dataDir.resolve("blobs"))) {
            assertThat(blobs.head(BlobKey.of("survivor/blob.txt"))).hasValueSatisfying(info -> assertThat(info.sha256()).isEqualTo(sha256));
        }
    }

    @Test
    void aKilledServerLeavesNothingThatBlocksTheNextStart() throws Exception {
        Path dataDir = temp.resolve("data");
        long orphanPid;
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of()).awaitReady(READY)) {
            server.kill();
            // PostgreSQL runs as a daemon: killing Haven leaves it running, holding the cluster.
            orphanPid = postmasterPid(dataDir);
            assertThat(ProcessHandle.of(orphanPid)).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());
        }
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of()).awaitReady(READY)) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
            assertThat(server.log()).contains("left running");
            assertThat(server.stop()).isEqualTo(ServerProcess.EXIT_AFTER_SIGTERM);
        }
    }

    @Test
    void aStalePidFileFromADeadPostmasterIsCleared() throws Exception {
        Path dataDir = temp.resolve("data");
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of()).awaitReady(READY)) {
            assertThat(server.stop()).isEqualTo(ServerProcess.EXIT_AFTER_SIGTERM);
        }
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        Files.writeString(pidFile, gone.pid() + "\n" + dataDir.resolve("postgres") + "\n0\n5432\n");

        try (ServerProcess server = ServerProcess.start(dataDir, Map.of()).awaitReady(READY)) {
            assertThat(server.log()).contains("Removing stale");
            assertThat(server.stop()).isEqualTo(ServerProcess.EXIT_AFTER_SIGTERM);
        }
    }

    @Test
    void aSecondInstanceOnTheSameDataDirectoryRefusesToStart() {
        Path dataDir = temp.resolve("data");
        try (ServerProcess first = ServerProcess.start(dataDir, Map.of()).awaitReady(READY)) {
            try (ServerProcess second = ServerProcess.start(dataDir, Map.of())) {
                assertThat(second.awaitExit(READY)).isNotZero();
                assertThat(second.log()).contains("is in use by another Haven process");
            }
            assertThat(first.status("/readyz")).isEqualTo(200);
        }
    }

    @Test
    void twoInstancesWithTheirOwnDataDirectoriesRunSideBySide() {
        try (ServerProcess first = ServerProcess.start(temp.resolve("one"), Map.of()).awaitReady(READY);
                ServerProcess second = ServerProcess.start(temp.resolve("two"), Map.of()).awaitReady(READY)) {
            assertThat(first.status("/readyz")).isEqualTo(200);
            assertThat(second.status("/readyz")).isEqualTo(200);
        }
    }

    @Test
    void productionModeRefusesDevOnlyDefaultsBeforeStartingAnything() {
        Path dataDir = temp.resolve("data");
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of("HAVEN_MODE", "production"))) {
            assertThat(server.awaitExit(READY)).isNotZero();
            assertThat(server.log()).contains("refuses dev-only settings", "HAVEN_DB_URL", "HAVEN_METRICS_TOKEN",
                    "HAVEN_MASTER_KEY_FILE");
        }
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void aMasterKeyFileAndAKmsKeyTogetherStopTheStartBeforeAnythingStarts() {
        Path dataDir = temp.resolve("data");
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of(
                "HAVEN_MASTER_KEY_FILE", temp.resolve("master-key").toString(),
                "HAVEN_MASTER_KEY_URI", "aws-kms://arn:aws:kms:eu-west-2:111122223333:key/1234abcd"))) {
            assertThat(server.awaitExit(READY)).isNotZero();
            assertThat(server.log()).contains("HAVEN_MASTER_KEY_FILE and HAVEN_MASTER_KEY_URI are both set");
        }
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void runsInProductionModeOnAnExternalPostgresAndS3() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.start();
        try (TestDatabase database = TestPostgres.external(); S3Client bucketAdmin = s3.client()) {
            bucketAdmin.createBucket(request -> request.bucket("haven-prod"));
            // A master key kept apart from the data directory, as an operator would provision it.
            Path masterKey = temp.resolve("secrets").resolve("master-key");
            MasterKey.fromFileOrGenerate(masterKey);
            Map<String, String> production = Map.ofEntries(
                    Map.entry("HAVEN_MODE", "production"),
                    Map.entry("HAVEN_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                    Map.entry("HAVEN_DB_USER", database.user()),
                    Map.entry("HAVEN_DB_SCHEMA", database.schema()),
                    Map.entry("HAVEN_METRICS_TOKEN", "scrape-token"),
                    Map.entry("HAVEN_LOCAL_ACCOUNTS", "true"),
                    Map.entry("HAVEN_BOOTSTRAP_ADMIN_PASSWORD", "production-admin-password"),
                    Map.entry("HAVEN_BLOB", "s3"),
                    Map.entry("HAVEN_S3_ENDPOINT", s3.endpoint().toString()),
                    Map.entry("HAVEN_S3_BUCKET", "haven-prod"),
                    Map.entry("HAVEN_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY),
                    Map.entry("HAVEN_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY),
                    Map.entry("HAVEN_S3_PATH_STYLE", "true"),
                    Map.entry("HAVEN_MASTER_KEY_FILE", masterKey.toString()));
            try (ServerProcess server = ServerProcess.start(temp.resolve("data"), production)
                    .awaitReady(READY)) {
                assertThat(server.status("/metrics")).isEqualTo(401);
                assertThat(server.log()).doesNotContain(S3ProxyServer.SECRET_KEY);

                // Readiness really asks the bucket: without it, the server is not ready.
                bucketAdmin.deleteBucket(request -> request.bucket("haven-prod"));
                assertThat(server.status("/readyz")).isEqualTo(503);
                var status = CliAgainstServerIT.haven("status", "--server", server.baseUri().toString());
                assertThat(status.exitCode()).isEqualTo(1);
                assertThat(status.err()).isEqualTo("haven: server at " + server.baseUri() + " is not ready: blobStore is DOWN" + System.lineSeparator());

                assertThat(server.stop()).isEqualTo(ServerProcess.EXIT_AFTER_SIGTERM);
                assertThat(temp.resolve("data").resolve("postgres")).doesNotExist();
                assertThat(temp.resolve("data").resolve("blobs")).doesNotExist();
            }
        } finally {
            s3.stop();
        }
    }

    private static Connection connectToEmbedded(Path dataDir) throws Exception {
        List<String> pidFile = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        int port = Integer.parseInt(pidFile.get(3).trim());
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
    }
}
