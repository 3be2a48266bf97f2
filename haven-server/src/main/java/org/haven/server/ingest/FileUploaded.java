package org.haven.server.ingest;

import java.util.UUID;

/**
 * A file was uploaded into a data source. Published inside the transaction that records the file, so a
 * {@code @TransactionalEventListener} sees it only once the file is committed. {@code uploadedBy} is
 * {@code user:<id>} or {@code app:<id>}.
 */
public record FileUploaded(UUID tenantId, UUID sourceId, UUID fileId, String path, String sha256, long size,
        String uploadedBy) {}
