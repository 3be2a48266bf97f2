package org.haven.authz.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.haven.authz.ObjectRef;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipChange;
import org.haven.authz.SubjectRef;

/**
 * The in-memory view the evaluator reads: relationships by exact key, by resource and relation (forward) and by
 * subject (reverse). Readers hold the read lock for a whole request so that one answer sees one revision.
 */
final class RelationshipIndex {

    private final Map<Relationship.Key, Relationship> byKey = new HashMap<>();
    private final Map<NodeKey, List<Relationship>> byResource = new HashMap<>();
    private final Map<SubjectRef, List<Relationship>> bySubject = new HashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile long revision;

    ReadWriteLock lock() {
        return lock;
    }

    long revision() {
        return revision;
    }

    /** Replaces the view's revision after a batch of changes has been applied under the write lock. */
    void advanceTo(long newRevision) {
        if (newRevision > revision) {
            revision = newRevision;
        }
    }

    int size() {
        return byKey.size();
    }

    void apply(RelationshipChange change) {
        if (change.kind() == RelationshipChange.Kind.DELETE) {
            remove(change.relationship().key());
        } else {
            put(change.relationship());
        }
    }

    void put(Relationship relationship) {
        Relationship.Key key = relationship.key();
        Relationship previous = byKey.put(key, relationship);
        NodeKey node = nodeOf(relationship.resource(), relationship.relation());
        if (previous != null) {
            replaceIn(byResource.get(node), previous, relationship);
            replaceIn(bySubject.get(relationship.subject()), previous, relationship);
            return;
        }
        byResource.computeIfAbsent(node, k -> new ArrayList<>(2)).add(relationship);
        bySubject.computeIfAbsent(relationship.subject(), k -> new ArrayList<>(2)).add(relationship);
    }

    void remove(Relationship.Key key) {
        Relationship previous = byKey.remove(key);
        if (previous == null) {
            return;
        }
        NodeKey node = nodeOf(key.resource(), key.relation());
        removeFrom(byResource, node, previous);
        removeFrom(bySubject, key.subject(), previous);
    }

    Relationship exact(ObjectRef resource, String relation, SubjectRef subject) {
        return byKey.get(new Relationship.Key(resource, relation, subject));
    }

    /** All relationships of {@code type:id#relation}; the list must not be modified. */
    List<Relationship> of(String type, String id, String relation) {
        List<Relationship> found = byResource.get(new NodeKey(type, id, relation));
        return found == null ? List.of() : found;
    }

    /** All relationships whose subject is exactly {@code subject}; the list must not be modified. */
    List<Relationship> withSubject(SubjectRef subject) {
        List<Relationship> found = bySubject.get(subject);
        return found == null ? List.of() : found;
    }

    private static NodeKey nodeOf(ObjectRef resource, String relation) {
        return new NodeKey(resource.type(), resource.id(), relation);
    }

    private static void replaceIn(List<Relationship> list, Relationship previous, Relationship replacement) {
        int at = list.indexOf(previous);
        list.set(at, replacement);
    }

    private static <K> void removeFrom(Map<K, List<Relationship>> map, K key, Relationship relationship) {
        List<Relationship> list = map.get(key);
        if (list == null) {
            return;
        }
        list.remove(relationship);
        if (list.isEmpty()) {
            map.remove(key);
        }
    }
}
