package org.haven.server.ingest;

import java.util.UUID;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The per-tenant limits on files and bytes. Checked once before any byte is read (cheap, so a tenant at its limit
 * is told at once) and again, with the tenant's row locked, in the transaction that records the file, so two
 * uploads racing for the last bytes of a quota cannot both get in.
 */
@Component
class TenantQuota {

    private final JdbcClient jdbc;
    private final UploadSettings settings;

    TenantQuota(JdbcClient jdbc, UploadSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** Refuses a file of {@code size} bytes (or of unknown size, -1) that cannot fit the tenant's limits. */
    void checkRoomFor(UUID tenantId, long size) {
        if (size > settings.maxFileBytes()) {
            throw new HavenException(ErrorCode.PAYLOAD_TOO_LARGE, "A file is at most " + settings.maxFileBytes() + " bytes");
        }
        Usage usage = jdbc.sql("SELECT count(*) AS files, coalesce(sum(size), 0) AS bytes FROM source_files WHERE tenant_id = :tenant")
                .param("tenant", tenantId)
                .query((rs, row) -> new Usage(rs.getLong("files"), rs.getLong("bytes"))).single();
        if (usage.files() + 1 > settings.maxFilesPerTenant()) {
            throw new HavenException(ErrorCode.QUOTA_EXCEEDED,
                    "The tenant holds its limit of " + settings.maxFilesPerTenant() + " files");
        }
        if (usage.bytes() + Math.max(size, 0) > settings.maxTenantBytes()) {
            throw new HavenException(ErrorCode.QUOTA_EXCEEDED, "The file does not fit the tenant's limit of "
                    + settings.maxTenantBytes() + " bytes (" + usage.bytes() + " in use)");
        }
    }

    /** As {@link #checkRoomFor}, holding the tenant's row until the calling transaction ends. */
    void lockAndCheckRoomFor(UUID tenantId, long size) {
        jdbc.sql("SELECT id FROM tenants WHERE id = :tenant FOR UPDATE").param("tenant", tenantId).query(UUID.class).single();
        checkRoomFor(tenantId, size);
    }

    private record Usage(long files, long bytes) {}
}
