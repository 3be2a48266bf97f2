package org.haven.server.ingest;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.server.audit.AuditActor;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.Actors;
import org.haven.server.tenancy.Cursors;
import org.haven.server.tenancy.Page;
import org.haven.storage.BlobContent;
import org.haven.storage.BlobInfo;
import org.haven.storage.BlobKey;
import org.haven.storage.ByteRange;
import org.haven.storage.PutOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The files of a data source: listing, reading and streaming uploads. An upload never holds the file in memory and
 * never holds a database transaction while bytes arrive: the content is staged first, then recorded.
 */
@Service
public class FileService {

    private static final Logger log = LoggerFactory.getLogger(FileService.class);

    private final JdbcClient jdbc;
    private final DataSourceService sources;
    private final SourceObjects objects;
    private final FileRecords records;
    private final TenantQuota quota;
    private final UploadSettings settings;
    private final AuditTrail audit;

    FileService(JdbcClient jdbc, DataSourceService sources, SourceObjects objects, FileRecords records, TenantQuota quota,
            UploadSettings settings, AuditTrail audit) {
        this.jdbc = jdbc;
        this.sources = sources;
        this.objects = objects;
        this.records = records;
        this.quota = quota;
        this.settings = settings;
        this.audit = audit;
    }

    /** A file and an open stream of (part of) its content; close it. */
    public record FileContent(SourceFile file, BlobContent content) implements AutoCloseable {
        @Override
        public void close() {
            content.close();
        }
    }

    /** The source's files whose path starts with {@code prefix}, in path order (then upload order). */
    public Page<SourceFile> list(UUID sourceId, String prefix, String cursor, int limit) {
        DataSource source = sources.get(sourceId);
        String checkedPrefix = FilePaths.prefix(prefix);
        String afterPath = null;
        String afterId = null;
        if (cursor != null) {
            int split = cursor.lastIndexOf('\n');
            if (split < 0) {
                throw new HavenException(ErrorCode.VALIDATION_FAILED, "Malformed cursor");
            }
            afterPath = cursor.substring(0, split);
            afterId = cursor.substring(split + 1);
        }
        List<SourceFile> rows = jdbc.sql("SELECT " + FileRecords.COLUMNS + " FROM source_files "
                        + "WHERE tenant_id = :tenant AND source_id = :source AND starts_with(path, :prefix) "
                        + "AND (:afterPath::text IS NULL OR (path, id::text) > (:afterPath::text, :afterId::text)) "
                        + "ORDER BY path, id::text LIMIT :limit")
                .param("tenant", source.tenantId()).param("source", sourceId).param("prefix", checkedPrefix)
                .param("afterPath", afterPath).param("afterId", afterId).param("limit", limit + 1)
                .query(FileRecords.FILE).list();
        return Cursors.page(rows, limit, file -> file.path() + "\n" + file.id());
    }

    public SourceFile get(UUID sourceId, UUID fileId) {
        return jdbc.sql("SELECT " + FileRecords.COLUMNS + " FROM source_files WHERE source_id = :source AND id = :id")
                .param("source", sourceId).param("id", fileId).query(FileRecords.FILE).optional()
                .orElseThrow(() -> new HavenException(ErrorCode.NOT_FOUND, "No such file in this source"));
    }

    /** Opens the file's content (a range of it when {@code range} is set) and records the read by the caller. */
    public FileContent open(UUID sourceId, UUID fileId, ByteRange range) {
        return open(sourceId, fileId, range, Actors.current());
    }

    /**
     * Opens the whole content for Haven's own work outside a request (a pipeline step reading what was uploaded),
     * recording the read under {@code reader}, e.g. {@code AuditActor.system("pipeline")}.
     */
    public FileContent openAs(UUID sourceId, UUID fileId, AuditActor reader) {
        return open(sourceId, fileId, null, reader);
    }

    private FileContent open(UUID sourceId, UUID fileId, ByteRange range, AuditActor reader) {
        SourceFile file = get(sourceId, fileId);
        String objectKey = jdbc.sql("SELECT object_key FROM source_files WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", file.tenantId()).param("id", fileId).query(String.class).single();
        BlobContent content = objects.open(objectKey, range);
        audit.record(reader, "source.file.read", DataSourceService.resource(sourceId), Decision.SUCCEEDED, null,
                Map.of("file_id", fileId.toString(), "path", file.path(), "offset", Long.toString(content.offset()),
                        "length", Long.toString(content.length())));
        return new FileContent(file, content);
    }

    /**
     * Streams {@code content} into the source at {@code rawPath}. {@code declaredLength} is the request's
     * Content-Length, or -1 when the body is chunked; either way the stream is cut off at the size limit.
     */
    public SourceFile upload(UUID sourceId, String rawPath, String contentType, long declaredLength, InputStream content) {
        DataSource source = sources.get(sourceId);
        String path = FilePaths.sanitise(rawPath);
        String type = contentType(contentType);
        quota.checkRoomFor(source.tenantId(), declaredLength);
        BlobInfo staged = objects.stage(source.tenantId(), sourceId, content, type, settings.maxFileBytes());
        return store(source, path, type, staged, Callers.current(), "source.file.upload", () -> {});
    }

    /**
     * Turns staged content into a file: checks the limits, stores it under its hash and records it. The staging
     * object is removed whatever happens; an object copied for a file that then could not be recorded is removed
     * too, unless another file already uses the same bytes.
     */
    SourceFile store(DataSource source, String path, String contentType, BlobInfo staged, String uploadedBy, String action,
            Runnable alsoInTransaction) {
        BlobKey object = null;
        boolean recorded = false;
        try {
            quota.checkRoomFor(source.tenantId(), staged.size());
            object = objects.promote(source.tenantId(), source.id(), staged);
            SourceFile file = records.record(source, path, staged, object, contentType, uploadedBy, action, alsoInTransaction);
            recorded = true;
            return file;
        } finally {
            objects.discard(staged.key());
            if (!recorded && object != null) {
                discardIfUnreferenced(source.tenantId(), object);
            }
        }
    }

    /** Best effort after a failure: an error here must not hide the failure being reported. */
    private void discardIfUnreferenced(UUID tenantId, BlobKey object) {
        try {
            if (!records.referenced(tenantId, object)) {
                objects.discard(object);
            }
        } catch (RuntimeException e) {
            log.warn("Could not check whether {} is still used; leaving it: {}", object, e.getMessage());
        }
    }

    /** The content type as sent, or the generic one when none (or none the store can keep) was sent. */
    static String contentType(String sent) {
        if (sent == null || sent.isBlank() || sent.length() > PutOptions.MAX_CONTENT_TYPE_LENGTH
                || !sent.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return PutOptions.DEFAULT_CONTENT_TYPE;
        }
        return sent;
    }
}
