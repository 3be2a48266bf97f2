package org.haven.authz.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipParseException;
import org.haven.authz.RelationshipUpdate;
import org.haven.authz.SubjectRef;
import org.haven.authz.schema.AllowedSubject;
import org.haven.authz.schema.CaveatDefinition;
import org.haven.authz.schema.CompiledSchema;
import org.haven.authz.schema.Definition;
import org.haven.authz.schema.Relation;

/** Refuses relationships the schema does not allow, before anything reaches the store. */
final class RelationshipValidator {

    private RelationshipValidator() {}

    static void check(CompiledSchema schema, List<RelationshipUpdate> updates) {
        Set<Relationship.Key> seen = new HashSet<>();
        for (RelationshipUpdate update : updates) {
            Relationship relationship = update.relationship();
            if (!seen.add(relationship.key())) {
                throw new RelationshipParseException(0, "relationship appears twice in one write: " + relationship.key());
            }
            if (update.operation() == RelationshipUpdate.Operation.DELETE) {
                relationOf(schema, relationship);
            } else {
                check(schema, relationship);
            }
        }
    }

    static void check(CompiledSchema schema, Relationship relationship) {
        Relation relation = relationOf(schema, relationship);
        SubjectRef subject = relationship.subject();
        String caveat = relationship.caveat() == null ? null : relationship.caveat().name();
        AllowedSubject match = null;
        for (AllowedSubject allowed : relation.allowedSubjects()) {
            boolean shape = allowed.type().equals(subject.type())
                    && allowed.wildcard() == subject.isWildcard()
                    && Objects.equals(allowed.relation(), subject.relation());
            if (shape && Objects.equals(allowed.caveat(), caveat) && (relationship.expiresAt() == null || allowed.expiration())) {
                match = allowed;
                break;
            }
        }
        if (match == null) {
            throw new RelationshipParseException(0, "type mismatch: " + describe(relationship) + " is not allowed on relation '"
                    + relationship.resource().type() + "#" + relationship.relation() + "' (allowed: " + relation.allowedSubjects() + ")");
        }
        if (relationship.caveat() != null) {
            CaveatDefinition definition = schema.caveat(caveat);
            try {
                definition.checkContext(relationship.caveat().context());
            } catch (IllegalArgumentException e) {
                throw new RelationshipParseException(0, "relationship " + relationship.key() + ": " + e.getMessage());
            }
        }
    }

    private static Relation relationOf(CompiledSchema schema, Relationship relationship) {
        Definition definition = schema.definition(relationship.resource().type());
        if (definition == null) {
            throw new RelationshipParseException(0, "unknown type '" + relationship.resource().type() + "' in " + relationship.key());
        }
        Relation relation = definition.relation(relationship.relation());
        if (relation == null) {
            String problem = definition.permission(relationship.relation()) != null
                    ? "'" + relationship.relation() + "' is a permission of '" + definition.name() + "'; relationships can only name relations"
                    : "unknown relation '" + relationship.relation() + "' on type '" + definition.name() + "'";
            throw new RelationshipParseException(0, problem + " in " + relationship.key());
        }
        if (schema.definition(relationship.subject().type()) == null) {
            throw new RelationshipParseException(0, "unknown subject type '" + relationship.subject().type() + "' in " + relationship.key());
        }
        return relation;
    }

    private static String describe(Relationship relationship) {
        StringBuilder text = new StringBuilder("subject '").append(relationship.subject()).append('\'');
        if (relationship.caveat() != null) {
            text.append(" with caveat '").append(relationship.caveat().name()).append('\'');
        }
        if (relationship.expiresAt() != null) {
            text.append(" with expiration");
        }
        return text.toString();
    }
}
