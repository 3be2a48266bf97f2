package org.haven.authz;

import java.util.Objects;

/** One change in a write batch: TOUCH upserts, CREATE fails if the tuple exists, DELETE removes it if present. */
public record RelationshipUpdate(Operation operation, Relationship relationship) {

    public enum Operation { TOUCH, CREATE, DELETE }

    public RelationshipUpdate {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(relationship, "relationship");
    }

    public static RelationshipUpdate touch(Relationship relationship) {
        return new RelationshipUpdate(Operation.TOUCH, relationship);
    }

    public static RelationshipUpdate create(Relationship relationship) {
        return new RelationshipUpdate(Operation.CREATE, relationship);
    }

    public static RelationshipUpdate delete(Relationship relationship) {
        return new RelationshipUpdate(Operation.DELETE, relationship);
    }

    public static RelationshipUpdate touch(String relationship) {
        return touch(Relationship.parse(relationship));
    }

    public static RelationshipUpdate create(String relationship) {
        return create(Relationship.parse(relationship));
    }

    public static RelationshipUpdate delete(String relationship) {
        return delete(Relationship.parse(relationship));
    }
}
