package org.haven.authz;

import java.util.Map;
import java.util.Objects;

/** Does {@code subject} have {@code permission} (or relation) on {@code resource}? {@code context} feeds caveats. */
public record CheckRequest(ObjectRef resource, String permission, SubjectRef subject, Map<String, Object> context, Consistency consistency) {

    public CheckRequest {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(subject, "subject");
        context = context == null ? Map.of() : Map.copyOf(context);
        consistency = consistency == null ? Consistency.minimizeLatency() : consistency;
    }

    public static CheckRequest of(ObjectRef resource, String permission, SubjectRef subject) {
        return new CheckRequest(resource, permission, subject, Map.of(), Consistency.minimizeLatency());
    }

    /** Parses {@code document:doc1#view@user:alice}. */
    public static CheckRequest parse(String text) {
        Relationship relationship = Relationship.parse(text);
        return of(relationship.resource(), relationship.relation(), relationship.subject());
    }

    public CheckRequest withContext(Map<String, Object> newContext) {
        return new CheckRequest(resource, permission, subject, newContext, consistency);
    }

    public CheckRequest withConsistency(Consistency newConsistency) {
        return new CheckRequest(resource, permission, subject, context, newConsistency);
    }
}
