package org.haven.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.haven.storage.BlobKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Resumable uploads: parts in any order, resuming, completing, aborting, expiring, and who may touch them. */
class MultipartUploadsIT extends SourceFixtures {

    private static final int PART = 300 * 1024;

    @Autowired
    MultipartUploadService uploads;

    private String start(Area area, Caller caller, String path, Long size) {
        String body = "{\"path\":\"" + path + "\"" + (size == null ? "" : ",\"size\":" + size) + "}";
        return created(send("POST", "/api/v1/sources/" + area.sourceId() + "/uploads", caller.token(), body)).path("id").asText();
    }

    private static byte[] whole(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Test
    void partsSentOutOfOrderAreAssembledInOrderIntoOneHashedFile() {
        Area area = newArea("multipart");
        byte[] one = bytes(PART, 1);
        byte[] two = bytes(PART, 2);
        byte[] three = bytes(1000, 3);
        byte[] content = whole(one, two, three);
        String upload = start(area, area.writer(), "large/export.bin", (long) content.length);

        ok(putPart(upload, 3, area.writer().token(), three));
        ok(putPart(upload, 1, area.writer().token(), one));
        JsonNode part = ok(putPart(upload, 2, area.writer().token(), two));
        assertThat(part.path("sha256").asText()).isEqualTo(sha256(two));
        // Sending a part again is harmless.
        ok(putPart(upload, 2, area.writer().token(), two));

        JsonNode received = ok(get("/api/v1/uploads/" + upload, area.writer().token()));
        assertThat(received.path("parts").valueStream().map(p -> p.path("number").asInt())).containsExactly(1, 2, 3);
        assertThat(received.path("parts").get(2).path("size").asLong()).isEqualTo(three.length);
        assertThat(received.path("expires_at").asText()).isNotBlank();

        JsonNode file = created(send("POST", "/api/v1/uploads/" + upload + "/complete", area.writer().token(), null));
        assertThat(file.path("path").asText()).isEqualTo("large/export.bin");
        assertThat(file.path("size").asLong()).isEqualTo(content.length);
        assertThat(file.path("sha256").asText()).isEqualTo(sha256(content));
        assertThat(file.path("uploaded_by").asText()).isEqualTo(area.writer().subject());
        assertThat(download(area.sourceId(), file.path("id").asText(), area.reader().token(), null).body()).isEqualTo(content);

        // The upload and its parts are gone; only the object remains.
        assertThat(get("/api/v1/uploads/" + upload, area.writer().token()).statusCode()).isEqualTo(404);
        assertThat(blobKeys(area)).containsExactly("objects/sha256/" + sha256(content));
    }

    @Test
    void completingWithAMissingPartIsRefusedAndTheUploadResumes() {
        Area area = newArea("resume");
        byte[] one = bytes(PART, 4);
        byte[] two = bytes(PART, 5);
        byte[] three = bytes(10, 6);
        String upload = start(area, area.writer(), "resumed.bin", null);
        ok(putPart(upload, 1, area.writer().token(), one));
        ok(putPart(upload, 3, area.writer().token(), three));

        HttpResponse<String> refused = send("POST", "/api/v1/uploads/" + upload + "/complete", area.writer().token(), null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).path("detail").asText()).contains("[2]");
        assertThat(fileRows(area)).isZero();

        // The client asks what the server holds and sends only what is missing.
        JsonNode held = ok(get("/api/v1/uploads/" + upload, area.writer().token()));
        assertThat(held.path("parts").valueStream().map(p -> p.path("number").asInt())).containsExactly(1, 3);
        ok(putPart(upload, 2, area.writer().token(), two));
        JsonNode file = created(send("POST", "/api/v1/uploads/" + upload + "/complete", area.writer().token(), null));
        assertThat(file.path("sha256").asText()).isEqualTo(sha256(whole(one, two, three)));
        // Completing twice gives one file.
        assertThat(send("POST", "/api/v1/uploads/" + upload + "/complete", area.writer().token(), null).statusCode()).isEqualTo(404);
        assertThat(fileRows(area)).isEqualTo(1);
    }

    @Test
    void abortingRemovesTheUploadAndItsParts() {
        Area area = newArea("abort");
        String upload = start(area, area.writer(), "aborted.bin", null);
        ok(putPart(upload, 1, area.writer().token(), bytes(1000, 7)));
        ok(putPart(upload, 2, area.writer().token(), bytes(1000, 8)));
        assertThat(blobKeys(area)).hasSize(2).allMatch(key -> key.startsWith("uploads/" + upload + "/parts/"));

        assertThat(send("DELETE", "/api/v1/uploads/" + upload, area.writer().token(), null).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/uploads/" + upload, area.writer().token()).statusCode()).isEqualTo(404);
        assertThat(putPart(upload, 3, area.writer().token(), bytes(10, 9)).statusCode()).isEqualTo(404);
        assertThat(blobKeys(area)).isEmpty();
        assertThat(fileRows(area)).isZero();
    }

    @Test
    void anExpiredUploadIsGoneOnAccessAndTheSweepRemovesTheRest() {
        Area area = newArea("expiry");
        String touched = start(area, area.writer(), "touched.bin", null);
        String forgotten = start(area, area.writer(), "forgotten.bin", null);
        ok(putPart(touched, 1, area.writer().token(), bytes(100, 10)));
        ok(putPart(forgotten, 1, area.writer().token(), bytes(100, 11)));
        jdbc.sql("UPDATE multipart_uploads SET expires_at = now() - interval '1 minute' WHERE id IN (:ids)")
                .param("ids", List.of(UUID.fromString(touched), UUID.fromString(forgotten))).update();

        HttpResponse<String> expired = get("/api/v1/uploads/" + touched, area.writer().token());
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(json(expired).path("detail").asText()).contains("expired");
        assertThat(blobKeys(area)).noneMatch(key -> key.contains(touched));

        assertThat(uploads.expireAbandoned(100)).isGreaterThanOrEqualTo(1);
        assertThat(blobKeys(area)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM multipart_uploads WHERE source_id = :source")
                .param("source", UUID.fromString(area.sourceId())).query(Long.class).single()).isZero();
        assertThat(send("POST", "/api/v1/uploads/" + forgotten + "/complete", area.writer().token(), null).statusCode()).isEqualTo(404);
    }

    @Test
    void leftoversOfInterruptedUploadsAreSweptButLiveUploadsAndObjectsStay() {
        Area area = newArea("leftovers");
        String base = "tenants/" + area.tenantId() + "/sources/" + area.sourceId() + "/";
        JsonNode file = created(upload(area.sourceId(), "kept.csv", area.writer().token(), bytes(100, 20)));
        String live = start(area, area.writer(), "live.bin", null);
        ok(putPart(live, 1, area.writer().token(), bytes(100, 21)));
        // What a crash leaves: a staged upload never recorded, the parts of an upload whose row is gone.
        blobs.put(BlobKey.of(base + "staging/" + UUID.randomUUID()), new ByteArrayInputStream(bytes(10, 22)));
        blobs.put(BlobKey.of(base + "uploads/" + UUID.randomUUID() + "/parts/1"),
                new ByteArrayInputStream(bytes(10, 23)));

        // The staged object is younger than the cut-off, so it could belong to an upload still in flight.
        assertThat(uploads.removeLeftovers(Instant.now().minusSeconds(3600))).isEqualTo(1);
        assertThat(blobKeys(area)).anyMatch(key -> key.startsWith("staging/"));
        assertThat(uploads.removeLeftovers(Instant.now().plusSeconds(5))).isEqualTo(1);
        assertThat(blobKeys(area)).containsExactlyInAnyOrder("objects/sha256/" + file.path("sha256").asText(),
                "uploads/" + live + "/parts/1");
    }

    @Test
    void onlyTheStarterAndTheSourcesAdminsCanTouchAnUpload() {
        Area area = newArea("owners");
        Caller otherWriter = member(area.tenantId(), "writer2", "member");
        ok(send("POST", "/api/v1/sources/" + area.sourceId() + "/permissions", area.manager().token(),
                "{\"subject\":\"" + otherWriter.subject() + "\",\"level\":\"writer\"}"));
        assertThat(send("POST", "/api/v1/sources/" + area.sourceId() + "/uploads", area.reader().token(), "{\"path\":\"r.bin\"}")
                .statusCode()).isEqualTo(403);
        String upload = start(area, area.writer(), "mine.bin", null);
        ok(putPart(upload, 1, area.writer().token(), bytes(100, 12)));

        Area elsewhere = newArea("strangers");
        for (Caller stranger : new Caller[] {otherWriter, area.reader(), elsewhere.manager()}) {
            assertThat(get("/api/v1/uploads/" + upload, stranger.token()).statusCode()).as(stranger.username()).isEqualTo(404);
            assertThat(putPart(upload, 2, stranger.token(), bytes(10, 13)).statusCode()).isEqualTo(404);
            assertThat(send("POST", "/api/v1/uploads/" + upload + "/complete", stranger.token(), null).statusCode()).isEqualTo(404);
            assertThat(send("DELETE", "/api/v1/uploads/" + upload, stranger.token(), null).statusCode()).isEqualTo(404);
        }
        // The source's admin sees it, and can finish it for the starter.
        assertThat(ok(get("/api/v1/uploads/" + upload, area.manager().token())).path("parts")).hasSize(1);
        JsonNode file = created(send("POST", "/api/v1/uploads/" + upload + "/complete", area.manager().token(), null));
        assertThat(file.path("uploaded_by").asText()).isEqualTo(area.writer().subject());
    }

    @Test
    void partsAndTotalsOverTheLimitsAndBadInputAreRefused() {
        Area area = newArea("limits");
        assertThat(send("POST", "/api/v1/sources/" + area.sourceId() + "/uploads", area.writer().token(), "{\"path\":\"../x\"}")
                .statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/sources/" + area.sourceId() + "/uploads", area.writer().token(),
                "{\"path\":\"x\",\"size\":" + (UPLOAD_MAX_FILE_BYTES + 1) + "}").statusCode()).isEqualTo(413);

        String upload = start(area, area.writer(), "limits.bin", 100L);
        assertThat(putPart(upload, 0, area.writer().token(), bytes(10, 1)).statusCode()).isEqualTo(400);
        assertThat(putPart(upload, 10001, area.writer().token(), bytes(10, 1)).statusCode()).isEqualTo(400);
        assertThat(putPart(upload, 1, area.writer().token(), bytes((int) UPLOAD_MAX_PART_BYTES + 1, 1)).statusCode()).isEqualTo(413);
        // Parts may not add up past the largest file.
        ok(putPart(upload, 1, area.writer().token(), bytes((int) UPLOAD_MAX_PART_BYTES, 2)));
        ok(putPart(upload, 2, area.writer().token(), bytes((int) UPLOAD_MAX_PART_BYTES, 3)));
        assertThat(putPart(upload, 3, area.writer().token(), bytes(1, 4)).statusCode()).isEqualTo(413);
        // The total differs from the size declared at the start.
        HttpResponse<String> mismatch = send("POST", "/api/v1/uploads/" + upload + "/complete", area.writer().token(), null);
        assertThat(mismatch.statusCode()).isEqualTo(409);
        assertThat(json(mismatch).path("detail").asText()).contains("declared");
        assertThat(send("POST", "/api/v1/uploads/" + UUID.randomUUID() + "/complete", area.writer().token(), null).statusCode())
                .isEqualTo(404);
        assertThat(fileRows(area)).isZero();
        assertThat(blobKeys(area)).allMatch(key -> key.startsWith("uploads/"));
    }
}
