package org.haven.authz;

import java.util.Objects;

/** An object of a schema type, written {@code type:id}. */
public record ObjectRef(String type, String id) {

    public ObjectRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static ObjectRef of(String type, String id) {
        return new ObjectRef(type, id);
    }

    /** Parses {@code type:id}, validating both parts as SpiceDB does. */
    public static ObjectRef parse(String text) {
        return RelationshipParser.parseObject(text);
    }

    @Override
    public String toString() {
        return type + ":" + id;
    }
}
