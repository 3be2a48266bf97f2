package org.haven.server.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.server.audit.AuditActor;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.authz.Authorizer;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.Actors;
import org.haven.server.identity.CurrentPrincipal;
import org.haven.server.identity.Principal;
import org.haven.storage.BlobInfo;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resumable uploads: parts arrive in any order (each one idempotent by its number), the server says which it
 * holds, and completion streams them in order into one hashed object, recorded like any streamed upload. Only the
 * user or app that started an upload (while it may still write to the source) and the source's admins can see or
 * touch it; to anyone else it does not exist. An upload past its expiry is removed when next touched and by
 * {@code ExpiredUploadSweep}.
 */
@Service
public class MultipartUploadService {

    private static final String COLUMNS = "id, tenant_id, source_id, path, declared_size, content_type, started_by, created_at, expires_at";
    private static final RowMapper<MultipartUpload> UPLOAD = (rs, row) -> new MultipartUpload(
            rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getObject("source_id", UUID.class),
            rs.getString("path"), rs.getObject("declared_size", Long.class), rs.getString("content_type"),
            rs.getString("started_by"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
            rs.getObject("expires_at", OffsetDateTime.class).toInstant(), List.of());
    private static final RowMapper<UploadPart> PART = (rs, row) -> new UploadPart(rs.getInt("part_number"),
            rs.getLong("size"), rs.getString("sha256"), rs.getObject("received_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Authorizer authorizer;
    private final DataSourceService sources;
    private final FileService files;
    private final SourceObjects objects;
    private final TenantQuota quota;
    private final UploadSettings settings;
    private final AuditTrail audit;

    MultipartUploadService(JdbcClient jdbc, TransactionTemplate transactions, Authorizer authorizer,
            DataSourceService sources, FileService files, SourceObjects objects, TenantQuota quota,
            UploadSettings settings, AuditTrail audit) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.authorizer = authorizer;
        this.sources = sources;
        this.files = files;
        this.objects = objects;
        this.quota = quota;
        this.settings = settings;
        this.audit = audit;
    }

    /** Starts an upload to {@code rawPath}; the caller must already hold {@code write} on the source. */
    public MultipartUpload start(UUID sourceId, String rawPath, Long declaredSize, String contentType) {
        DataSource source = sources.get(sourceId);
        String path = FilePaths.sanitise(rawPath);
        if (declaredSize != null && declaredSize < 0) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, "size must not be negative");
        }
        quota.checkRoomFor(source.tenantId(), declaredSize == null ? -1 : declaredSize);
        UUID id = UUID.randomUUID();
        Instant expiresAt = Instant.now().plus(settings.uploadExpiry());
        return transactions.execute(status -> {
            MultipartUpload upload = jdbc.sql("INSERT INTO multipart_uploads (tenant_id, source_id, id, path, declared_size, "
                            + "content_type, started_by, expires_at) VALUES (:tenant, :source, :id, :path, :size, :type, "
                            + ":startedBy, :expiresAt) RETURNING " + COLUMNS)
                    .param("tenant", source.tenantId()).param("source", sourceId).param("id", id).param("path", path)
                    .param("size", declaredSize).param("type", FileService.contentType(contentType))
                    .param("startedBy", Callers.current()).param("expiresAt", OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
                    .query(UPLOAD).single();
            audit.record(Actors.current(), "source.upload.start", DataSourceService.resource(sourceId), Decision.SUCCEEDED,
                    null, Map.of("upload_id", id.toString(), "path", path));
            return upload;
        });
    }

    /** The upload with the parts received so far. */
    public MultipartUpload get(UUID uploadId) {
        MultipartUpload upload = accessible(uploadId);
        return withParts(upload);
    }

    /** Stores part {@code number}, replacing an earlier copy of it: sending a part again is harmless. */
    public UploadPart putPart(UUID uploadId, int number, long declaredLength, InputStream content) {
        MultipartUpload upload = accessible(uploadId);
        if (number < 1 || number > settings.maxParts()) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, "Part numbers run from 1 to " + settings.maxParts());
        }
        long others = jdbc.sql("SELECT coalesce(sum(size), 0) FROM upload_parts WHERE tenant_id = :tenant AND upload_id = :id "
                        + "AND part_number <> :number")
                .param("tenant", upload.tenantId()).param("id", uploadId).param("number", number).query(Long.class).single();
        long room = Math.min(settings.maxPartBytes(), settings.maxFileBytes() - others);
        if (declaredLength > room) {
            throw new HavenException(ErrorCode.PAYLOAD_TOO_LARGE, "This part may be at most " + Math.max(room, 0) + " bytes");
        }
        BlobInfo stored = objects.putPart(upload.tenantId(), upload.sourceId(), uploadId, number, content, Math.max(room, 0));
        UploadPart part = transactions.execute(status -> {
            UploadPart saved = jdbc.sql("INSERT INTO upload_parts (tenant_id, upload_id, part_number, size, sha256) "
                            + "VALUES (:tenant, :id, :number, :size, :sha256) ON CONFLICT (tenant_id, upload_id, part_number) "
                            + "DO UPDATE SET size = excluded.size, sha256 = excluded.sha256, received_at = now() "
                            + "RETURNING part_number, size, sha256, received_at")
                    .param("tenant", upload.tenantId()).param("id", uploadId).param("number", number)
                    .param("size", stored.size()).param("sha256", stored.sha256()).query(PART).single();
            audit.record(Actors.current(), "source.upload.part", DataSourceService.resource(upload.sourceId()),
                    Decision.SUCCEEDED, null, Map.of("upload_id", uploadId.toString(), "part", Integer.toString(number),
                            "size", Long.toString(saved.size()), "sha256", saved.sha256()));
            return saved;
        });
        return part;
    }

    /**
     * Assembles parts 1 to N in order into the file. Refused, with nothing changed, when a part is missing or the
     * total differs from the size declared at the start.
     */
    public SourceFile complete(UUID uploadId) {
        MultipartUpload upload = withParts(accessible(uploadId));
        List<UploadPart> parts = upload.parts();
        List<Integer> missing = new ArrayList<>();
        int highest = parts.isEmpty() ? 0 : parts.get(parts.size() - 1).number();
        for (int number = 1, index = 0; number <= highest; number++) {
            if (parts.get(index).number() == number) {
                index++;
            } else {
                missing.add(number);
            }
        }
        if (parts.isEmpty() || !missing.isEmpty()) {
            throw new HavenException(ErrorCode.CONFLICT, parts.isEmpty() ? "The upload has no parts yet"
                    : "The upload is missing parts " + missing);
        }
        long total = parts.stream().mapToLong(UploadPart::size).sum();
        if (upload.declaredSize() != null && upload.declaredSize() != total) {
            throw new HavenException(ErrorCode.CONFLICT,
                    "The parts hold " + total + " bytes, not the " + upload.declaredSize() + " declared at the start");
        }
        DataSource source = sources.get(upload.sourceId());
        BlobInfo staged;
        try (InputStream assembled = new SequenceInputStream(partStreams(upload))) {
            staged = objects.stage(upload.tenantId(), upload.sourceId(), assembled, upload.contentType(), settings.maxFileBytes());
        } catch (IOException e) {
            throw new HavenException(ErrorCode.UNAVAILABLE, "Reading the parts failed; try again", e);
        }
        SourceFile file = files.store(source, upload.path(), upload.contentType(), staged, upload.startedBy(),
                "source.file.upload", () -> removeRow(upload, "it was completed meanwhile"));
        deleteParts(upload);
        return file;
    }

    /** Removes the upload and its parts. */
    public void abort(UUID uploadId) {
        MultipartUpload upload = withParts(accessible(uploadId));
        transactions.executeWithoutResult(status -> {
            removeRow(upload, "it is already gone");
            audit.record(Actors.current(), "source.upload.abort", DataSourceService.resource(upload.sourceId()),
                    Decision.SUCCEEDED, null, Map.of("upload_id", uploadId.toString()));
        });
        deleteParts(upload);
    }

    /** Removes uploads past their expiry, a batch at a time; several replicas may sweep at once. Returns how many. */
    public int expireAbandoned(int batch) {
        List<MultipartUpload> expired = transactions.execute(status -> {
            List<MultipartUpload> rows = jdbc.sql("SELECT " + COLUMNS + " FROM multipart_uploads WHERE expires_at < now() "
                    + "ORDER BY expires_at LIMIT :batch FOR UPDATE SKIP LOCKED").param("batch", batch).query(UPLOAD).list();
            List<MultipartUpload> withParts = rows.stream().map(this::withParts).toList();
            withParts.forEach(upload -> {
                removeRow(upload, "it is already gone");
                auditExpiry(upload, AuditActor.system("upload-expiry"));
            });
            return withParts;
        });
        expired.forEach(this::deleteParts);
        return expired.size();
    }

    /**
     * Removes what a crash can leave in the blob store: staging objects older than {@code before} (an upload
     * killed between storing its content and recording it) and parts of uploads that no longer exist (a crash
     * between completing or aborting an upload and deleting its parts). Objects under a hash are never removed
     * here: a file may be about to point at one. Returns how many objects were removed.
     */
    public int removeLeftovers(Instant before) {
        List<SourceKey> all = jdbc.sql("SELECT tenant_id, id FROM data_sources ORDER BY tenant_id, id")
                .query((rs, row) -> new SourceKey(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class))).list();
        int removed = 0;
        for (SourceKey source : all) {
            removed += objects.removeStagedBefore(source.tenantId(), source.sourceId(), before);
            removed += objects.removeParts(source.tenantId(), source.sourceId(), uploadId -> !exists(source.tenantId(), uploadId));
        }
        return removed;
    }

    private record SourceKey(UUID tenantId, UUID sourceId) {}

    private boolean exists(UUID tenantId, UUID uploadId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM multipart_uploads WHERE tenant_id = :tenant AND id = :id)")
                .param("tenant", tenantId).param("id", uploadId).query(Boolean.class).single();
    }

    /**
     * The upload, if the caller may touch it; otherwise (and once it has expired) a 404, so upload ids reveal
     * nothing to anyone else.
     */
    private MultipartUpload accessible(UUID uploadId) {
        MultipartUpload upload = jdbc.sql("SELECT " + COLUMNS + " FROM multipart_uploads WHERE id = :id").param("id", uploadId)
                .query(UPLOAD).optional().orElseThrow(MultipartUploadService::noSuchUpload);
        Principal caller = CurrentPrincipal.require();
        boolean starter = upload.startedBy().equals(Callers.of(caller));
        boolean allowed = authorizer.check(caller.subject(), DataSourceService.ref(upload.sourceId()), "administer")
                || (starter && authorizer.check(caller.subject(), DataSourceService.ref(upload.sourceId()), "write"));
        if (!allowed) {
            audit.record(Actors.current(), "source.upload.access", DataSourceService.resource(upload.sourceId()),
                    Decision.DENIED, "neither the upload's starter with write nor an admin of its source",
                    Map.of("upload_id", uploadId.toString()));
            throw noSuchUpload();
        }
        if (upload.expiresAt().isBefore(Instant.now())) {
            MultipartUpload expired = withParts(upload);
            boolean removed = Boolean.TRUE.equals(transactions.execute(status -> {
                int rows = jdbc.sql("DELETE FROM multipart_uploads WHERE tenant_id = :tenant AND id = :id")
                        .param("tenant", upload.tenantId()).param("id", uploadId).update();
                if (rows == 1) {
                    auditExpiry(upload, Actors.current());
                }
                return rows == 1;
            }));
            if (removed) {
                deleteParts(expired);
            }
            throw new HavenException(ErrorCode.NOT_FOUND, "No such upload (it expired at " + upload.expiresAt() + ")");
        }
        return upload;
    }

    private MultipartUpload withParts(MultipartUpload upload) {
        List<UploadPart> parts = jdbc.sql("SELECT part_number, size, sha256, received_at FROM upload_parts "
                        + "WHERE tenant_id = :tenant AND upload_id = :id ORDER BY part_number")
                .param("tenant", upload.tenantId()).param("id", upload.id()).query(PART).list();
        return new MultipartUpload(upload.id(), upload.tenantId(), upload.sourceId(), upload.path(), upload.declaredSize(),
                upload.contentType(), upload.startedBy(), upload.createdAt(), upload.expiresAt(), parts);
    }

    /** Opens each part only when the one before it is used up, so one part at a time is open. */
    private Enumeration<InputStream> partStreams(MultipartUpload upload) {
        Iterator<UploadPart> parts = upload.parts().iterator();
        return new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return parts.hasNext();
            }

            @Override
            public InputStream nextElement() {
                int number = parts.next().number();
                return objects.openPart(upload.tenantId(), upload.sourceId(), upload.id(), number).stream();
            }
        };
    }

    private void removeRow(MultipartUpload upload, String whyGone) {
        int rows = jdbc.sql("DELETE FROM multipart_uploads WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", upload.tenantId()).param("id", upload.id()).update();
        if (rows != 1) {
            throw new HavenException(ErrorCode.CONFLICT, "The upload cannot be changed: " + whyGone);
        }
    }

    private void deleteParts(MultipartUpload upload) {
        upload.parts().forEach(part -> objects.deletePart(upload.tenantId(), upload.sourceId(), upload.id(), part.number()));
    }

    private void auditExpiry(MultipartUpload upload, AuditActor actor) {
        audit.record(actor, "source.upload.expire", DataSourceService.resource(upload.sourceId()), Decision.SUCCEEDED,
                null, Map.of("upload_id", upload.id().toString(), "expired_at", upload.expiresAt().toString()));
    }

    private static HavenException noSuchUpload() {
        return new HavenException(ErrorCode.NOT_FOUND, "No such upload");
    }
}
