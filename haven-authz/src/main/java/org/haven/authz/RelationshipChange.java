package org.haven.authz;

import java.util.Objects;

/** A relationship written (TOUCH) or deleted (DELETE) at a revision: one entry of the change feed. */
public record RelationshipChange(long revision, Kind kind, Relationship relationship) {

    public enum Kind { TOUCH, DELETE }

    public RelationshipChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(relationship, "relationship");
    }
}
