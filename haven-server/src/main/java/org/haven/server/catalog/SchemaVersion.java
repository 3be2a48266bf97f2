package org.haven.server.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.haven.schema.SchemaChange;

/**
 * What is known about one schema version besides the schema itself.
 *
 * @param breaking whether any change from the version before was breaking (allowed by an explicit flag)
 * @param changes the changes from the version before; empty for version 1
 * @param createdBy the authorization subject of whoever added it, {@code user:<id>} or {@code app:<id>}
 */
public record SchemaVersion(UUID datasetId, int version, boolean breaking, List<SchemaChange> changes,
        String createdBy, Instant createdAt) {

    public SchemaVersion {
        changes = List.copyOf(changes);
    }
}
