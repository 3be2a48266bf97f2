package org.haven.authz;

import java.time.Instant;
import java.util.Objects;

/**
 * One relationship tuple, {@code resource#relation@subject}, optionally with a caveat and an expiration time.
 * {@link #toString()} prints SpiceDB's text form, which {@link #parse(String)} reads back.
 */
public record Relationship(ObjectRef resource, String relation, SubjectRef subject, CaveatReference caveat, Instant expiresAt) {

    public Relationship {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(subject, "subject");
    }

    public static Relationship of(ObjectRef resource, String relation, SubjectRef subject) {
        return new Relationship(resource, relation, subject, null, null);
    }

    /** Parses e.g. {@code document:doc1#reader@group:eng#member[only_on_weekdays:{"day":"mon"}][expiration:2030-01-01T00:00:00Z]}. */
    public static Relationship parse(String text) {
        return RelationshipParser.parseRelationship(text);
    }

    /** The identity of a tuple: two relationships with the same key cannot both exist. */
    public Key key() {
        return new Key(resource, relation, subject);
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    public Relationship withCaveat(CaveatReference newCaveat) {
        return new Relationship(resource, relation, subject, newCaveat, expiresAt);
    }

    public Relationship withExpiration(Instant newExpiresAt) {
        return new Relationship(resource, relation, subject, caveat, newExpiresAt);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(resource).append('#').append(relation).append('@').append(subject);
        if (caveat != null) {
            text.append('[').append(caveat.name());
            if (!caveat.context().isEmpty()) {
                text.append(':').append(JsonText.write(caveat.context()));
            }
            text.append(']');
        }
        if (expiresAt != null) {
            text.append("[expiration:").append(expiresAt).append(']');
        }
        return text.toString();
    }

    /** Resource, relation and subject: what makes a tuple unique. */
    public record Key(ObjectRef resource, String relation, SubjectRef subject) {
        @Override
        public String toString() {
            return resource + "#" + relation + "@" + subject;
        }
    }
}
