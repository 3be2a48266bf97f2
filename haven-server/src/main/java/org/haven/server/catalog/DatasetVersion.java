package org.haven.server.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * A published, immutable version of a dataset: Parquet files and a manifest in the blob store under
 * {@code storagePrefix}.
 *
 * @param runId the pipeline run that published it; null for a version published otherwise
 * @param createdBy the authorization subject that started the publishing run, {@code user:<id>} or {@code app:<id>}
 */
public record DatasetVersion(UUID tenantId, UUID datasetId, int version, int schemaVersion, long rowCount,
        String contentHash, String manifestSha256, String storagePrefix, UUID runId, String pipelineName,
        Integer pipelineVersion, String createdBy, Instant createdAt) {}
