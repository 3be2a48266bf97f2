package org.haven.authz;

import java.util.Objects;

/** A condition checked atomically with a write: some relationship matching the filter must (not) exist. */
public record Precondition(Kind kind, RelationshipFilter filter) {

    public enum Kind { MUST_MATCH, MUST_NOT_MATCH }

    public Precondition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(filter, "filter");
    }

    public static Precondition mustMatch(RelationshipFilter filter) {
        return new Precondition(Kind.MUST_MATCH, filter);
    }

    public static Precondition mustNotMatch(RelationshipFilter filter) {
        return new Precondition(Kind.MUST_NOT_MATCH, filter);
    }

    public boolean isSatisfiedBy(boolean anyMatch) {
        return kind == Kind.MUST_MATCH ? anyMatch : !anyMatch;
    }
}
