package org.haven.server.ingest.internal;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.haven.server.ingest.FileService;
import org.haven.server.ingest.SourceFile;
import org.haven.server.tenancy.Cursors;
import org.haven.server.tenancy.Page;
import org.haven.server.web.RequiresPermission;
import org.haven.storage.ByteRange;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class FileController {

    private final FileService files;

    FileController(FileService files) {
        this.files = files;
    }

    @GetMapping("/api/v1/sources/{sourceId}/files")
    @RequiresPermission(resourceType = "data_source", idFrom = "sourceId", permission = "read")
    Page<SourceFile> list(@PathVariable UUID sourceId, @RequestParam(required = false) String prefix,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return files.list(sourceId, prefix, Cursors.decode(cursor), Cursors.limit(limit));
    }

    /**
     * The raw body is the file, whatever its content type. The path comes from the query string, read here rather
     * than through the servlet's parameters, which would read a form-encoded body as parameters.
     */
    @PostMapping("/api/v1/sources/{sourceId}/files")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(resourceType = "data_source", idFrom = "sourceId", permission = "write")
    @Parameter(name = "path", in = ParameterIn.QUERY, required = true, description = "The file's path in the source")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The file's bytes, as they are",
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    SourceFile upload(@PathVariable UUID sourceId, HttpServletRequest request) throws IOException {
        String path = queryParameter(request.getQueryString(), "path");
        try (InputStream body = request.getInputStream()) {
            return files.upload(sourceId, path, request.getContentType(), request.getContentLengthLong(), body);
        }
    }

    @GetMapping("/api/v1/sources/{sourceId}/files/{fileId}")
    @RequiresPermission(resourceType = "data_source", idFrom = "sourceId", permission = "read")
    SourceFile get(@PathVariable UUID sourceId, @PathVariable UUID fileId) {
        return files.get(sourceId, fileId);
    }

    /** The content, whole or the single range asked for; a read is audited before the first byte is sent. */
    @GetMapping("/api/v1/sources/{sourceId}/files/{fileId}/content")
    @RequiresPermission(resourceType = "data_source", idFrom = "sourceId", permission = "read")
    void content(@PathVariable UUID sourceId, @PathVariable UUID fileId,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String rangeHeader, HttpServletResponse response)
            throws IOException {
        ByteRange range = HttpRanges.parse(rangeHeader);
        try (FileService.FileContent read = files.open(sourceId, fileId, range)) {
            SourceFile file = read.file();
            response.setStatus(range == null ? HttpStatus.OK.value() : HttpStatus.PARTIAL_CONTENT.value());
            response.setContentType(file.contentType());
            response.setContentLengthLong(read.content().length());
            response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
            response.setHeader(HttpHeaders.ETAG, "\"" + file.sha256() + "\"");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(file.path().substring(file.path().lastIndexOf('/') + 1), StandardCharsets.UTF_8).build().toString());
            if (range != null) {
                long first = read.content().offset();
                response.setHeader(HttpHeaders.CONTENT_RANGE,
                        "bytes " + first + "-" + (first + read.content().length() - 1) + "/" + file.size());
            }
            OutputStream out = response.getOutputStream();
            read.content().stream().transferTo(out);
            out.flush();
        }
    }

    static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
