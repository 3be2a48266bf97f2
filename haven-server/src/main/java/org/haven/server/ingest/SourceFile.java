package org.haven.server.ingest;

import java.time.Instant;
import java.util.UUID;

/**
 * One uploaded file: where it sits in its source, what its bytes are (size, SHA-256, content type as sent) and who
 * uploaded it when. {@code uploadedBy} is {@code user:<id>} or {@code app:<id>}.
 */
public record SourceFile(UUID id, UUID tenantId, UUID sourceId, String path, long size, String sha256,
        String contentType, String uploadedBy, Instant uploadedAt) {}
