package org.haven.authz;

import java.util.Objects;

/**
 * Selects relationships by resource type (required) and optionally resource id, relation and subject. A null field
 * matches anything; {@code subjectRelation} of {@link #NO_RELATION} matches only subjects without a relation.
 */
public record RelationshipFilter(String resourceType, String resourceId, String relation,
                                 String subjectType, String subjectId, String subjectRelation) {

    /** Use as {@code subjectRelation} to match only plain subjects ({@code user:alice}, not {@code group:x#member}). */
    public static final String NO_RELATION = "...";

    public RelationshipFilter {
        Objects.requireNonNull(resourceType, "resourceType");
    }

    public static RelationshipFilter ofType(String resourceType) {
        return new RelationshipFilter(resourceType, null, null, null, null, null);
    }

    public static RelationshipFilter of(ObjectRef resource, String relation) {
        return new RelationshipFilter(resource.type(), resource.id(), relation, null, null, null);
    }

    /** The filter that matches exactly one tuple key. */
    public static RelationshipFilter exactly(Relationship.Key key) {
        SubjectRef subject = key.subject();
        return new RelationshipFilter(key.resource().type(), key.resource().id(), key.relation(), subject.type(), subject.id(),
                subject.relation() == null ? NO_RELATION : subject.relation());
    }

    public RelationshipFilter withResourceId(String id) {
        return new RelationshipFilter(resourceType, id, relation, subjectType, subjectId, subjectRelation);
    }

    public RelationshipFilter withRelation(String newRelation) {
        return new RelationshipFilter(resourceType, resourceId, newRelation, subjectType, subjectId, subjectRelation);
    }

    public RelationshipFilter withSubject(SubjectRef subject) {
        return new RelationshipFilter(resourceType, resourceId, relation, subject.type(), subject.id(),
                subject.relation() == null ? NO_RELATION : subject.relation());
    }

    public boolean matches(Relationship relationship) {
        SubjectRef subject = relationship.subject();
        return resourceType.equals(relationship.resource().type())
                && (resourceId == null || resourceId.equals(relationship.resource().id()))
                && (relation == null || relation.equals(relationship.relation()))
                && (subjectType == null || subjectType.equals(subject.type()))
                && (subjectId == null || subjectId.equals(subject.id()))
                && (subjectRelation == null
                        || (NO_RELATION.equals(subjectRelation) ? subject.relation() == null : subjectRelation.equals(subject.relation())));
    }
}
