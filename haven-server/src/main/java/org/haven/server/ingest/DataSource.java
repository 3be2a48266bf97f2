package org.haven.server.ingest;

import java.time.Instant;
import java.util.UUID;

/** A storage area of a tenant that files are uploaded into ({@code kind} {@code upload}). */
public record DataSource(UUID id, UUID tenantId, String name, String description, String kind, String createdBy,
        Instant createdAt) {}
