package org.haven.server.tenancy;

import java.time.Instant;
import java.util.UUID;

public record Tenant(UUID id, String slug, String name, UUID parentId, Instant createdAt) {}
