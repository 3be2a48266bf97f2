package org.haven.server.catalog;

import java.util.List;
import org.haven.schema.SchemaChange;
import org.haven.schema.SchemaCompatibility;

/**
 * How a proposed schema compares with a dataset's latest schema version.
 *
 * @param identical no change at all (field order is not part of a schema): adding it returns the latest version
 * @param breaking at least one change is breaking: adding it needs {@code allow_breaking}
 */
public record SchemaCheck(int latestVersion, boolean identical, boolean breaking, List<SchemaChange> changes) {

    public SchemaCheck {
        changes = List.copyOf(changes);
    }

    public static SchemaCheck of(int latestVersion, List<SchemaChange> changes) {
        return new SchemaCheck(latestVersion, changes.isEmpty(), SchemaCompatibility.hasBreakingChange(changes), changes);
    }
}
