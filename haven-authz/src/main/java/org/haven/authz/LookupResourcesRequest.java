package org.haven.authz;

import java.util.Map;
import java.util.Objects;

/** Which resources of {@code resourceType} can {@code subject} reach through {@code permission}? */
public record LookupResourcesRequest(String resourceType, String permission, SubjectRef subject, Map<String, Object> context, Consistency consistency) {

    public LookupResourcesRequest {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(subject, "subject");
        context = context == null ? Map.of() : Map.copyOf(context);
        consistency = consistency == null ? Consistency.minimizeLatency() : consistency;
    }

    public static LookupResourcesRequest of(String resourceType, String permission, SubjectRef subject) {
        return new LookupResourcesRequest(resourceType, permission, subject, Map.of(), Consistency.minimizeLatency());
    }
}
