package org.haven.server.ingest.internal;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.haven.server.ingest.MultipartUpload;
import org.haven.server.ingest.MultipartUploadService;
import org.haven.server.ingest.SourceFile;
import org.haven.server.ingest.UploadPart;
import org.haven.server.web.AuthorizesOnData;
import org.haven.server.web.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Resumable uploads. An upload belongs to its source: the routes under {@code /api/v1/uploads} decide access on
 * the upload itself (its starter with {@code write} on the source, or the source's admins), and answer 404 to
 * everyone else.
 */
@RestController
class UploadController {

    private static final String UPLOAD_RULE = "an upload is reachable only by its starter (still holding write on its "
            + "source) and the source's admins; to anyone else it does not exist";

    private final MultipartUploadService uploads;

    UploadController(MultipartUploadService uploads) {
        this.uploads = uploads;
    }

    record StartUpload(@NotBlank @Size(max = 4096) String path, @PositiveOrZero Long size,
            @Size(max = 200) String contentType) {}

    @PostMapping("/api/v1/sources/{sourceId}/uploads")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(resourceType = "data_source", idFrom = "sourceId", permission = "write")
    MultipartUpload start(@PathVariable UUID sourceId, @Valid @RequestBody StartUpload request) {
        return uploads.start(sourceId, request.path(), request.size(), request.contentType());
    }

    @GetMapping("/api/v1/uploads/{uploadId}")
    @AuthorizesOnData(UPLOAD_RULE)
    MultipartUpload get(@PathVariable UUID uploadId) {
        return uploads.get(uploadId);
    }

    @PutMapping("/api/v1/uploads/{uploadId}/parts/{partNumber}")
    @AuthorizesOnData(UPLOAD_RULE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The part's bytes",
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    UploadPart putPart(@PathVariable UUID uploadId, @PathVariable int partNumber, HttpServletRequest request)
            throws IOException {
        try (InputStream body = request.getInputStream()) {
            return uploads.putPart(uploadId, partNumber, request.getContentLengthLong(), body);
        }
    }

    @PostMapping("/api/v1/uploads/{uploadId}/complete")
    @ResponseStatus(HttpStatus.CREATED)
    @AuthorizesOnData(UPLOAD_RULE)
    SourceFile complete(@PathVariable UUID uploadId) {
        return uploads.complete(uploadId);
    }

    @DeleteMapping("/api/v1/uploads/{uploadId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @AuthorizesOnData(UPLOAD_RULE)
    void abort(@PathVariable UUID uploadId) {
        uploads.abort(uploadId);
    }
}
