package org.haven.server.catalog;

import java.util.UUID;

/**
 * A dataset has a new schema version (version 1 when the dataset is created). Published inside the transaction
 * that adds it; listeners that act on it should do so after the commit
 * ({@code @TransactionalEventListener}).
 */
public record SchemaVersionAdded(UUID tenantId, UUID datasetId, int version, boolean breaking) {}
