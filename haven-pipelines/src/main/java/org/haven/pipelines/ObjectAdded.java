package org.haven.pipelines;

import java.util.Map;
import java.util.Objects;

/** An object stored in a data source, as reported by the embedding application to fire upload triggers. */
public record ObjectAdded(String tenantId, String sourceId, String sourceName, String path, String sha256,
                          Map<String, String> inputs) {

    public ObjectAdded {
        TenantIds.require(tenantId);
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    }
}
