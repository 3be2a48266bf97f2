package org.haven.server.tenancy;

import java.time.Instant;
import java.util.UUID;

/** A piece of analysis hosted by one tenant. */
public record Project(UUID id, UUID hostTenantId, String name, String description, Instant createdAt) {}
