package org.haven.server.audit;

import java.util.Objects;

/** What an event is about, e.g. {@code tenant} / {@code 7f3c...} or {@code dataset} / {@code sales.2024}. */
public record AuditResource(String type, String id) {

    public AuditResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }
}
