package org.haven.server.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A named collection of records owned by one tenant.
 *
 * @param latestSchemaVersion the number of its newest schema version; every dataset has at least version 1
 * @param createdBy the authorization subject of its creator, {@code user:<id>} or {@code app:<id>}
 */
public record Dataset(UUID id, UUID tenantId, String name, String description, List<String> tags,
        int latestSchemaVersion, String createdBy, Instant createdAt, Instant updatedAt) {

    public Dataset {
        tags = List.copyOf(tags);
    }
}
