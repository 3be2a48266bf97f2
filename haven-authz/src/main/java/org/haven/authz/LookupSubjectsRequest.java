package org.haven.authz;

import java.util.Map;
import java.util.Objects;

/** Which subjects of {@code subjectType} (optionally as {@code subjectType#subjectRelation}) have {@code permission} on {@code resource}? */
public record LookupSubjectsRequest(ObjectRef resource, String permission, String subjectType, String subjectRelation,
                                    Map<String, Object> context, Consistency consistency) {

    public LookupSubjectsRequest {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(subjectType, "subjectType");
        context = context == null ? Map.of() : Map.copyOf(context);
        consistency = consistency == null ? Consistency.minimizeLatency() : consistency;
    }

    public static LookupSubjectsRequest of(ObjectRef resource, String permission, String subjectType) {
        return new LookupSubjectsRequest(resource, permission, subjectType, null, Map.of(), Consistency.minimizeLatency());
    }
}
