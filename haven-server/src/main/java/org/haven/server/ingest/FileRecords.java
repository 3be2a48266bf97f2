package org.haven.server.ingest;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.identity.Actors;
import org.haven.storage.BlobInfo;
import org.haven.storage.BlobKey;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records a stored file: quota, row, audit event and {@link FileUploaded}, all in one transaction. */
@Component
class FileRecords {

    static final String COLUMNS = "id, tenant_id, source_id, path, size, sha256, content_type, uploaded_by, uploaded_at";
    static final RowMapper<SourceFile> FILE = (rs, row) -> new SourceFile(
            rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getObject("source_id", UUID.class),
            rs.getString("path"), rs.getLong("size"), rs.getString("sha256"), rs.getString("content_type"),
            rs.getString("uploaded_by"), rs.getObject("uploaded_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;
    private final TenantQuota quota;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    FileRecords(JdbcClient jdbc, TenantQuota quota, AuditTrail audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.quota = quota;
        this.audit = audit;
        this.events = events;
    }

    /**
     * Records the file whose content is {@code stored} at {@code object}. {@code alsoInTransaction} runs first in
     * the same transaction (a multipart upload removes its own row there), so both happen or neither does.
     */
    @Transactional
    SourceFile record(DataSource source, String path, BlobInfo stored, BlobKey object, String contentType,
            String uploadedBy, String action, Runnable alsoInTransaction) {
        alsoInTransaction.run();
        quota.lockAndCheckRoomFor(source.tenantId(), stored.size());
        SourceFile file = jdbc.sql("INSERT INTO source_files (tenant_id, source_id, id, path, size, sha256, content_type, "
                        + "object_key, uploaded_by) VALUES (:tenant, :source, :id, :path, :size, :sha256, :contentType, "
                        + ":object, :uploadedBy) RETURNING " + COLUMNS)
                .param("tenant", source.tenantId()).param("source", source.id()).param("id", UUID.randomUUID())
                .param("path", path).param("size", stored.size()).param("sha256", stored.sha256())
                .param("contentType", contentType).param("object", object.value()).param("uploadedBy", uploadedBy)
                .query(FILE).single();
        audit.record(Actors.current(), action, DataSourceService.resource(source.id()), Decision.SUCCEEDED, null,
                Map.of("file_id", file.id().toString(), "path", path, "sha256", file.sha256(), "size", Long.toString(file.size())));
        events.publishEvent(new FileUploaded(file.tenantId(), file.sourceId(), file.id(), file.path(), file.sha256(),
                file.size(), file.uploadedBy()));
        return file;
    }

    /** Whether any file still points at the object, so that an unwanted copy can be removed safely. */
    boolean referenced(UUID tenantId, BlobKey object) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM source_files WHERE tenant_id = :tenant AND object_key = :key)")
                .param("tenant", tenantId).param("key", object.value()).query(Boolean.class).single();
    }
}
