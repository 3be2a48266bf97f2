package org.haven.server.catalog.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.server.audit.AuditActor;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.catalog.DatasetVersion;
import org.haven.server.catalog.DatasetVersions;
import org.haven.server.catalog.VersionContent;
import org.haven.server.catalog.VersionContent.StoredVersion;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dataset versions in PostgreSQL. Publishing locks the dataset's row, so versions of one dataset are numbered one
 * at a time; the row, the manifest written by the publisher and the audit event commit together.
 */
@Service
class JdbcDatasetVersions implements DatasetVersions {

    private static final String COLUMNS = """
            tenant_id, dataset_id, version, schema_version, row_count, content_hash, manifest_sha256, storage_prefix,
            run_id, pipeline_name, pipeline_version, created_by, created_at""";

    private static final RowMapper<DatasetVersion> VERSION = (rs, row) -> new DatasetVersion(
            rs.getObject("tenant_id", UUID.class), rs.getObject("dataset_id", UUID.class), rs.getInt("version"),
            rs.getInt("schema_version"), rs.getLong("row_count"), rs.getString("content_hash"),
            rs.getString("manifest_sha256"), rs.getString("storage_prefix"), rs.getObject("run_id", UUID.class),
            rs.getString("pipeline_name"), (Integer) rs.getObject("pipeline_version"), rs.getString("created_by"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    JdbcDatasetVersions(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    @Transactional
    public DatasetVersion publish(UUID datasetId, PublishedBy publisher, VersionContent content) {
        UUID tenantId = lockDataset(datasetId);
        List<DatasetVersion> earlier = jdbc.sql("SELECT " + COLUMNS + " FROM dataset_versions WHERE dataset_id = :dataset"
                        + " AND run_id = :run")
                .param("dataset", datasetId).param("run", publisher.runId()).query(VERSION).list();
        if (!earlier.isEmpty()) {
            return earlier.get(0);
        }
        int number = jdbc.sql("SELECT coalesce(max(version), 0) + 1 FROM dataset_versions WHERE dataset_id = :dataset")
                .param("dataset", datasetId).query(Integer.class).single();
        StoredVersion stored;
        try {
            stored = content.store(number);
        } catch (HavenException e) {
            throw e;
        } catch (Exception e) {
            throw new HavenException(ErrorCode.UNAVAILABLE, "The version's files could not be stored", e);
        }
        DatasetVersion version = jdbc.sql("""
                        INSERT INTO dataset_versions (tenant_id, dataset_id, version, schema_version, row_count,
                            content_hash, manifest_sha256, manifest, storage_prefix, run_id, pipeline_name,
                            pipeline_version, created_by)
                        VALUES (:tenant, :dataset, :version, :schemaVersion, :rows, :contentHash, :manifestSha256,
                            CAST(:manifest AS jsonb), :prefix, :run, :pipeline, :pipelineVersion, :createdBy)
                        RETURNING\s""" + COLUMNS)
                .param("tenant", tenantId).param("dataset", datasetId).param("version", number)
                .param("schemaVersion", stored.schemaVersion()).param("rows", stored.rowCount())
                .param("contentHash", stored.contentHash()).param("manifestSha256", stored.manifestSha256())
                .param("manifest", stored.manifestJson()).param("prefix", stored.storagePrefix())
                .param("run", publisher.runId()).param("pipeline", publisher.pipelineName())
                .param("pipelineVersion", publisher.pipelineVersion()).param("createdBy", publisher.subject())
                .query(VERSION).single();
        audit.record(AuditActor.system("pipeline"), "dataset.version.publish",
                new AuditResource("dataset", datasetId.toString()), Decision.SUCCEEDED, null,
                Map.of("version", Integer.toString(number), "rows", Long.toString(stored.rowCount()),
                        "run_id", publisher.runId().toString(), "pipeline", publisher.pipelineName(),
                        "started_by", publisher.subject(), "content_hash", stored.contentHash()));
        return version;
    }

    @Override
    public List<DatasetVersion> list(UUID datasetId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dataset_versions WHERE dataset_id = :dataset ORDER BY version DESC")
                .param("dataset", datasetId).query(VERSION).list();
    }

    @Override
    public DatasetVersion get(UUID datasetId, int version) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dataset_versions WHERE dataset_id = :dataset AND version = :version")
                .param("dataset", datasetId).param("version", version).query(VERSION).optional()
                .orElseThrow(() -> new HavenException(ErrorCode.NOT_FOUND, "No such dataset version"));
    }

    /** Locks the dataset's row until the transaction ends, so versions are numbered one at a time; its tenant. */
    private UUID lockDataset(UUID datasetId) {
        return jdbc.sql("SELECT tenant_id FROM datasets WHERE id = :dataset FOR UPDATE")
                .param("dataset", datasetId).query(UUID.class).optional()
                .orElseThrow(() -> new HavenException(ErrorCode.NOT_FOUND, "No such dataset"));
    }
}
