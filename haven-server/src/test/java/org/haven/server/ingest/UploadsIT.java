package org.haven.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;

/** Streaming uploads, listing and downloads, and every way an upload is refused without storing anything. */
class UploadsIT extends SourceFixtures {

    private static final byte[] CSV = "nhs_number,postcode\n9434765919,LS1 4AP\n".getBytes(StandardCharsets.UTF_8);

    @Autowired
    ApplicationEventMulticaster events;

    @Autowired
    FileService files;

    @Test
    void aWriterUploadsAReaderListsAndDownloadsWholeAndInRanges() {
        Area area = newArea("upload");
        JsonNode file = created(upload(area.sourceId(), "incoming/2024/a.csv", area.writer().token(), CSV));
        assertThat(file.path("path").asText()).isEqualTo("incoming/2024/a.csv");
        assertThat(file.path("size").asLong()).isEqualTo(CSV.length);
        assertThat(file.path("sha256").asText()).isEqualTo(sha256(CSV));
        assertThat(file.path("content_type").asText()).isEqualTo("text/csv");
        assertThat(file.path("uploaded_by").asText()).isEqualTo(area.writer().subject());
        assertThat(file.path("uploaded_at").asText()).isNotBlank();
        String fileId = file.path("id").asText();
        created(upload(area.sourceId(), "other/b.csv", area.writer().token(), "x\n".getBytes()));

        JsonNode shown = ok(get("/api/v1/sources/" + area.sourceId() + "/files/" + fileId, area.reader().token()));
        assertThat(shown.path("sha256").asText()).isEqualTo(sha256(CSV));
        JsonNode incoming = ok(get("/api/v1/sources/" + area.sourceId() + "/files?prefix=incoming/", area.reader().token()));
        assertThat(incoming.path("items")).hasSize(1);
        JsonNode firstPage = ok(get("/api/v1/sources/" + area.sourceId() + "/files?limit=1", area.reader().token()));
        assertThat(firstPage.path("items").get(0).path("path").asText()).isEqualTo("incoming/2024/a.csv");
        JsonNode secondPage = ok(get("/api/v1/sources/" + area.sourceId() + "/files?limit=1&cursor="
                + firstPage.path("next_cursor").asText(), area.reader().token()));
        assertThat(secondPage.path("items").get(0).path("path").asText()).isEqualTo("other/b.csv");

        HttpResponse<byte[]> whole = download(area.sourceId(), fileId, area.reader().token(), null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(CSV);
        assertThat(whole.headers().firstValue("ETag")).hasValue("\"" + sha256(CSV) + "\"");
        assertThat(whole.headers().firstValue("Content-Disposition").orElseThrow()).contains("a.csv");

        HttpResponse<byte[]> range = download(area.sourceId(), fileId, area.reader().token(), "bytes=2-5");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(new String(range.body(), StandardCharsets.UTF_8)).isEqualTo("s_nu");
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 2-5/" + CSV.length);
        HttpResponse<byte[]> suffix = download(area.sourceId(), fileId, area.reader().token(), "bytes=-4");
        assertThat(new String(suffix.body(), StandardCharsets.UTF_8)).isEqualTo("4AP\n");
        assertThat(download(area.sourceId(), fileId, area.reader().token(), "bytes=1000-").statusCode()).isEqualTo(416);

        // A file of another source is not found through this one.
        Area other = newArea("elsewhere");
        assertThat(get("/api/v1/sources/" + other.sourceId() + "/files/" + fileId, other.manager().token()).statusCode()).isEqualTo(404);
        assertThat(download(other.sourceId(), fileId, other.manager().token(), null).statusCode()).isEqualTo(404);

        // Content reads are audited as data reads.
        JsonNode reads = json(get("/api/v1/audit?action=source.file.read&resource_type=data_source&resource_id=" + area.sourceId(),
                adminToken()));
        assertThat(reads.toString()).contains(fileId, area.reader().id());
    }

    @Test
    void readersCannotUploadAndOutsidersCannotSeeTheSource() {
        Area area = newArea("readonly");
        assertThat(upload(area.sourceId(), "a.csv", area.reader().token(), CSV).statusCode()).isEqualTo(403);
        Caller bystander = member(area.tenantId(), "bystander", "member");
        assertThat(upload(area.sourceId(), "a.csv", bystander.token(), CSV).statusCode()).isEqualTo(404);
        assertThat(fileRows(area)).isZero();
        assertThat(blobKeys(area)).isEmpty();
    }

    @Test
    void unsafePathsAreRefusedAndNothingIsStored() {
        Area area = newArea("paths");
        List<String> unsafe = List.of("../etc/passwd", "a/../../b", "/etc/passwd", "a\\b.csv", "a//b.csv", "a/", "./a.csv",
                "a\u0000b", "a\nb", "C:/Windows/x.csv", "x\u202Egpj.exe", "a".repeat(256), "d/".repeat(40) + "f", "");
        for (String path : unsafe) {
            HttpResponse<String> response = upload(area.sourceId(), path, area.writer().token(), CSV);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(json(response).path("code").asText()).as(path).isEqualTo("validation-failed");
        }
        assertThat(upload(area.sourceId(), null, area.writer().token(), CSV).statusCode()).isEqualTo(400);
        assertThat(fileRows(area)).isZero();
        assertThat(blobKeys(area)).isEmpty();

        // Names are kept in Unicode NFC, so one name has one spelling.
        JsonNode file = created(upload(area.sourceId(), "cafe\u0301/r\u00e9sum\u00e9.csv", area.writer().token(), CSV));
        assertThat(file.path("path").asText()).isEqualTo("caf\u00e9/r\u00e9sum\u00e9.csv");
    }

    @Test
    void theSameBytesTwiceAreOneObjectAndTwoFiles() {
        Area area = newArea("dedupe");
        JsonNode first = created(upload(area.sourceId(), "monday.csv", area.writer().token(), CSV));
        JsonNode second = created(upload(area.sourceId(), "tuesday.csv", area.writer().token(), CSV));
        JsonNode again = created(upload(area.sourceId(), "monday.csv", area.manager().token(), CSV));
        assertThat(first.path("id").asText()).isNotEqualTo(second.path("id").asText()).isNotEqualTo(again.path("id").asText());
        assertThat(second.path("sha256").asText()).isEqualTo(first.path("sha256").asText());
        assertThat(fileRows(area)).isEqualTo(3);
        assertThat(blobKeys(area)).containsExactly("objects/sha256/" + sha256(CSV));
    }

    @Test
    void aFileOverTheSizeLimitIsCutOffDeclaredOrChunked() {
        Area area = newArea("toolarge");
        byte[] tooLarge = bytes((int) UPLOAD_MAX_FILE_BYTES + 1, 1);
        HttpResponse<String> declared = upload(area.sourceId(), "big.bin", area.writer().token(), tooLarge);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json(declared).path("code").asText()).isEqualTo("payload-too-large");
        HttpResponse<String> chunked = upload(area.sourceId(), "big.bin", area.writer().token(),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge)), "application/octet-stream");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(fileRows(area)).isZero();
        assertThat(blobKeys(area)).isEmpty();

        // Exactly the limit is fine, also when chunked, and far beyond the general request cap.
        byte[] atLimit = bytes((int) UPLOAD_MAX_FILE_BYTES, 2);
        JsonNode file = created(upload(area.sourceId(), "limit.bin", area.writer().token(),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(atLimit)), "application/octet-stream"));
        assertThat(file.path("sha256").asText()).isEqualTo(sha256(atLimit));
    }

    @Test
    void aTenantAtItsFileCountGetsAQuotaProblemAndNothingIsStored() {
        Area area = newArea("count");
        for (int i = 0; i < UPLOAD_MAX_FILES_PER_TENANT; i++) {
            created(upload(area.sourceId(), "f" + i + ".csv", area.writer().token(), ("row " + i + "\n").getBytes()));
        }
        HttpResponse<String> refused = upload(area.sourceId(), "one-more.csv", area.writer().token(), "new bytes\n".getBytes());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).path("code").asText()).isEqualTo("quota-exceeded");
        assertThat(fileRows(area)).isEqualTo(UPLOAD_MAX_FILES_PER_TENANT);
        assertThat(blobKeys(area)).hasSize((int) UPLOAD_MAX_FILES_PER_TENANT).noneMatch(key -> key.contains(sha256("new bytes\n".getBytes())));
    }

    @Test
    void aFileThatDoesNotFitTheTenantsBytesIsRefusedChunkedOrNot() {
        Area area = newArea("bytes");
        for (int i = 0; i < 3; i++) {
            created(upload(area.sourceId(), "f" + i + ".bin", area.writer().token(), bytes((int) UPLOAD_MAX_FILE_BYTES - 10, i)));
        }
        byte[] over = bytes(100, 9);
        assertThat(upload(area.sourceId(), "over.bin", area.writer().token(), over).statusCode()).isEqualTo(409);
        HttpResponse<String> chunked = upload(area.sourceId(), "over.bin", area.writer().token(),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(over)), "application/octet-stream");
        assertThat(chunked.statusCode()).isEqualTo(409);
        assertThat(json(chunked).path("code").asText()).isEqualTo("quota-exceeded");
        assertThat(fileRows(area)).isEqualTo(3);
        assertThat(blobKeys(area)).hasSize(3).noneMatch(key -> key.endsWith(sha256(over)));
    }

    @Test
    void gzipIsStoredAsSentAndFormEncodedBodiesAreContentNotParameters() throws Exception {
        Area area = newArea("gzip");
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(CSV);
        }
        byte[] gz = compressed.toByteArray();
        JsonNode file = created(upload(area.sourceId(), "a.csv.gz", area.writer().token(), HttpRequest.BodyPublishers.ofByteArray(gz),
                "application/gzip"));
        assertThat(download(area.sourceId(), file.path("id").asText(), area.reader().token(), null).body()).isEqualTo(gz);

        byte[] form = "path=elsewhere.csv&a=b".getBytes(StandardCharsets.UTF_8);
        JsonNode formFile = created(upload(area.sourceId(), "form.txt", area.writer().token(),
                HttpRequest.BodyPublishers.ofByteArray(form), "application/x-www-form-urlencoded"));
        assertThat(formFile.path("path").asText()).isEqualTo("form.txt");
        assertThat(download(area.sourceId(), formFile.path("id").asText(), area.reader().token(), null).body()).isEqualTo(form);
    }

    @Test
    void theUploadRoutesAloneTakeBodiesOverTheGeneralCapAndTheApiDocumentSaysTheyAreBytes() {
        Area area = newArea("cap");
        byte[] overCap = bytes(64 * 1024, 3);
        created(upload(area.sourceId(), "over-cap.bin", area.writer().token(), overCap));
        // Every other route keeps the general cap (4 KiB in these tests).
        String bigName = "{\"name\":\"" + "x".repeat(8 * 1024) + "\"}";
        assertThat(send("POST", "/api/v1/tenants/" + area.tenantId() + "/sources", area.manager().token(), bigName).statusCode())
                .isEqualTo(413);
        assertThat(raw("POST", "/api/v1/sources/" + area.sourceId() + "/uploads", area.writer().token(),
                HttpRequest.BodyPublishers.ofByteArray(overCap), "application/json").statusCode()).isEqualTo(413);

        JsonNode upload = json(get("/openapi.json", null)).path("paths").path("/api/v1/sources/{sourceId}/files").path("post");
        assertThat(upload.path("requestBody").path("content").path("*/*").path("schema").path("format").asText()).isEqualTo("binary");
        assertThat(upload.path("parameters").toString()).contains("\"path\"");
    }

    @Test
    void eachUploadIsAnnouncedInsideTheTransactionThatRecordsIt() {
        Area area = newArea("events");
        List<FileUploaded> seen = new CopyOnWriteArrayList<>();
        List<Boolean> inTransaction = new CopyOnWriteArrayList<>();
        ApplicationListener<PayloadApplicationEvent<FileUploaded>> listener = event -> {
            if (event.getPayload().sourceId().toString().equals(area.sourceId())) {
                seen.add(event.getPayload());
                inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
            }
        };
        events.addApplicationListener(listener);
        try {
            JsonNode file = created(upload(area.sourceId(), "incoming/e.csv", area.writer().token(), CSV));
            assertThat(seen).containsExactly(new FileUploaded(java.util.UUID.fromString(area.tenantId()),
                    java.util.UUID.fromString(area.sourceId()), java.util.UUID.fromString(file.path("id").asText()),
                    "incoming/e.csv", sha256(CSV), CSV.length, area.writer().subject()));
            assertThat(inTransaction).containsExactly(true);
            // What a listener does next: read the content as Haven itself, audited under its own name.
            FileUploaded uploaded = seen.get(0);
            try (FileService.FileContent content = files.openAs(uploaded.sourceId(), uploaded.fileId(),
                    org.haven.server.audit.AuditActor.system("pipeline"))) {
                assertThat(content.content().readAllBytes()).isEqualTo(CSV);
            }
            assertThat(upload(area.sourceId(), "../e.csv", area.writer().token(), CSV).statusCode()).isEqualTo(400);
            assertThat(seen).hasSize(1);
        } finally {
            events.removeApplicationListener(listener);
        }
    }
}
