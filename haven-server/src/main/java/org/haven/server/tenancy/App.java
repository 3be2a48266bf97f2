package org.haven.server.tenancy;

import java.time.Instant;
import java.util.UUID;

/** A service account of a tenant. */
public record App(UUID id, UUID tenantId, String name, Instant createdAt) {}
