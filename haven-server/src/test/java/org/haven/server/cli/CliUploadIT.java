package org.haven.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.cli.CliAgainstServerIT.haven;
import static org.haven.server.cli.CliAgainstServerIT.havenWithInput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.haven.server.RunningServer;
import org.haven.server.cli.CliAgainstServerIT.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code haven sources}, {@code haven upload} and {@code haven files download} against a real server. */
class CliUploadIT extends RunningServer {

    @TempDir
    Path directory;

    private Path login(String username, String password) {
        Path config = directory.resolve(username + ".json");
        Run login = havenWithInput(password + "\n", "login", "--server", uri("").toString(), "--user", username,
                "--password-stdin", "--config", config.toString());
        assertThat(login.exitCode()).as(login.err()).isZero();
        return config;
    }

    private static JsonNode json(Run run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private String setUpSource(Path admin, Caller writer) {
        String slug = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        String tenant = json(haven(admin, "tenants", "create", slug, "--name", "CLI uploads", "-o", "json")).path("id").asString();
        assertThat(haven(admin, "tenants", "grant", tenant, "--user", writer.id(), "--role", "member").exitCode()).isZero();
        Run created = haven(admin, "sources", "create", "--tenant", tenant, "deliveries", "--description", "monthly extracts");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("created source deliveries");
        String source = json(haven(admin, "sources", "list", "--tenant", tenant, "-o", "json")).path("items").get(0).path("id").asString();
        Run permit = haven(admin, "sources", "permit", source, "--user", writer.id(), "--level", "writer");
        assertThat(permit.exitCode()).as(permit.err()).isZero();
        assertThat(permit.out()).contains("user:" + writer.id() + " is now writer");
        assertThat(haven(admin, "sources", "permissions", source).out()).contains("user:" + writer.id(), "writer");
        return source;
    }

    @Test
    void aWriterUploadsListsAndDownloadsAFileThatMatchesItsHash() throws Exception {
        Path admin = login(ADMIN, ADMIN_PASSWORD);
        Caller writerUser = newUser("cli-writer");
        Path writer = login(writerUser.username(), writerUser.password());
        String source = setUpSource(admin, writerUser);

        Path csv = directory.resolve("patients.csv");
        Files.writeString(csv, "nhs_number,postcode\n9434765919,LS1 4AP\n");
        Run upload = haven(writer, "upload", csv.toString(), "--source", source, "--path", "incoming/patients.csv");
        assertThat(upload.exitCode()).as(upload.err()).isZero();
        assertThat(upload.out()).contains("uploaded incoming/patients.csv", sha256(csv));
        assertThat(upload.err()).isEmpty();

        Run files = haven(writer, "sources", "files", source, "--prefix", "incoming/");
        assertThat(files.out()).contains("incoming/patients.csv", sha256(csv), "user:" + writerUser.id());
        String fileId = json(haven(writer, "sources", "files", source, "-o", "json")).path("items").get(0).path("id").asString();

        Path downloaded = directory.resolve("back.csv");
        Run download = haven(writer, "files", "download", source, fileId, "-o", downloaded.toString());
        assertThat(download.exitCode()).as(download.err()).isZero();
        assertThat(sha256(downloaded)).isEqualTo(sha256(csv));
        assertThat(download.out()).contains("downloaded incoming/patients.csv");

        // Revoked, the writer can no longer upload.
        assertThat(haven(admin, "sources", "revoke", source, "--user", writerUser.id()).exitCode()).isZero();
        Run refused = haven(writer, "upload", csv.toString(), "--source", source);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("not-found");
    }

    @Test
    void aLargeFileGoesInPartsAndAnInterruptedUploadResumes() throws Exception {
        Path admin = login(ADMIN, ADMIN_PASSWORD);
        Caller writerUser = newUser("cli-parts");
        Path writer = login(writerUser.username(), writerUser.password());
        String source = setUpSource(admin, writerUser);
        byte[] content = new byte[700 * 1024];
        new Random(42).nextBytes(content);
        Path large = directory.resolve("large.bin");
        Files.write(large, content);

        Run upload = haven(writer, "upload", large.toString(), "--source", source, "--multipart-threshold", "100000",
                "--part-size", "262144", "-o", "json");
        JsonNode file = json(upload);
        assertThat(file.path("sha256").asString()).isEqualTo(sha256(large));
        assertThat(file.path("size").asLong()).isEqualTo(content.length);

        // An upload interrupted after its first part: resuming sends the rest and keeps what the server holds.
        Caller writerCaller = writerUser;
        String uploadId = JSON.readTree(send("POST", "/api/v1/sources/" + source + "/uploads", writerCaller.token(),
                "{\"path\":\"resumed.bin\",\"size\":" + content.length + "}").body()).path("id").asString();
        java.net.http.HttpResponse<String> first = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(uri("/api/v1/uploads/" + uploadId + "/parts/1"))
                        .header("Authorization", "Bearer " + writerCaller.token())
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(java.util.Arrays.copyOf(content, 262144))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        Run resumed = haven(writer, "upload", large.toString(), "--source", source, "--resume", uploadId, "-o", "json");
        JsonNode resumedFile = json(resumed);
        assertThat(resumedFile.path("path").asString()).isEqualTo("resumed.bin");
        assertThat(resumedFile.path("sha256").asString()).isEqualTo(sha256(large));

        Run unknown = haven(writer, "upload", large.toString(), "--source", source, "--resume", UUID.randomUUID().toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("resume it with: haven upload");
    }
}
