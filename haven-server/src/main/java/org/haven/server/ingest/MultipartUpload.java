package org.haven.server.ingest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A resumable upload in progress: the parts received so far (in part-number order) tell a client what to send
 * again. {@code declaredSize}, when given at the start, is checked on completion.
 */
public record MultipartUpload(UUID id, UUID tenantId, UUID sourceId, String path, Long declaredSize,
        String contentType, String startedBy, Instant createdAt, Instant expiresAt, List<UploadPart> parts) {}
