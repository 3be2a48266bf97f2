package org.haven.authz;

import java.util.Objects;

/**
 * The subject of a relationship: an object ({@code user:alice}), a subject set ({@code group:eng#member}) or a
 * wildcard ({@code user:*}). {@code relation} is null for plain objects and wildcards.
 */
public record SubjectRef(String type, String id, String relation) {

    public static final String WILDCARD = "*";

    public SubjectRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        if ("...".equals(relation)) {
            relation = null;
        }
    }

    public static SubjectRef object(String type, String id) {
        return new SubjectRef(type, id, null);
    }

    public static SubjectRef set(String type, String id, String relation) {
        return new SubjectRef(type, id, relation);
    }

    public static SubjectRef wildcard(String type) {
        return new SubjectRef(type, WILDCARD, null);
    }

    /** Parses {@code type:id}, {@code type:id#relation} or {@code type:*}. */
    public static SubjectRef parse(String text) {
        return RelationshipParser.parseSubject(text);
    }

    public boolean isWildcard() {
        return WILDCARD.equals(id);
    }

    public boolean hasRelation() {
        return relation != null;
    }

    public ObjectRef object() {
        return new ObjectRef(type, id);
    }

    @Override
    public String toString() {
        return relation == null ? type + ":" + id : type + ":" + id + "#" + relation;
    }
}
