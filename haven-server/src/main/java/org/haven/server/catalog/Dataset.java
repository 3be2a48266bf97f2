package org.haven.server.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A named collection of records owned by one tenant.
 *
 * @param latestSchemaVersion the number of its newest schema version; every dataset has at least version 1
 * @param createdBy the authorization subject of its creator, {@code user:<id>} or {@code app:<id>}
 */
public record Dataset(UUID id, UUID tenantId, String name, String description, List<String> tags,
        int latestSchemaVersion, String createdBy, Instant createdAt, Instant updatedAt) {

    /** What a dataset's name may be. */
    public static final String NAME_RULE = "1 to 63 characters: lower-case letters, digits, '_' and '-', starting with a letter";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    public Dataset {
        tags = List.copyOf(tags);
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
