package org.haven.authz.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.haven.authz.ObjectRef;
import org.haven.authz.Relationship;
import org.haven.authz.SubjectRef;

/**
 * Walks from a subject towards resources: every node the subject might reach, following relationships backwards
 * through subject sets, permissions that name a relation, and arrows. The result over-approximates (it ignores
 * intersections, exclusions and caveats); the caller confirms each candidate with a check. Visits each node once,
 * so cycles terminate, and touches only the part of the graph connected to the subject.
 */
final class ResourceCandidates {

    private ResourceCandidates() {}

    static Set<ObjectRef> find(SchemaGraph graph, RelationshipIndex index, SubjectRef subject, String resourceType, String permission, Instant now) {
        Set<NodeKey> visited = new HashSet<>();
        Deque<NodeKey> queue = new ArrayDeque<>();
        Set<ObjectRef> candidates = new LinkedHashSet<>();
        if (subject.hasRelation()) {
            enqueue(new NodeKey(subject.type(), subject.id(), subject.relation()), visited, queue);
        }
        seed(index.withSubject(subject), visited, queue, now);
        if (!subject.hasRelation() && !subject.isWildcard()) {
            seed(index.withSubject(SubjectRef.wildcard(subject.type())), visited, queue, now);
        }
        while (!queue.isEmpty()) {
            NodeKey node = queue.poll();
            if (node.type().equals(resourceType) && node.name().equals(permission)) {
                candidates.add(new ObjectRef(node.type(), node.id()));
            }
            seed(index.withSubject(SubjectRef.set(node.type(), node.id(), node.name())), visited, queue, now);
            for (String using : graph.permissionsUsing(node.type(), node.name())) {
                enqueue(new NodeKey(node.type(), node.id(), using), visited, queue);
            }
            for (SchemaGraph.ArrowUse arrow : graph.arrowsInto(node.type(), node.name())) {
                for (Relationship relationship : index.withSubject(SubjectRef.object(node.type(), node.id()))) {
                    if (relationship.relation().equals(arrow.tupleset()) && relationship.resource().type().equals(arrow.resourceType())
                            && !relationship.isExpiredAt(now)) {
                        enqueue(new NodeKey(arrow.resourceType(), relationship.resource().id(), arrow.permission()), visited, queue);
                    }
                }
            }
        }
        return candidates;
    }

    private static void seed(Iterable<Relationship> relationships, Set<NodeKey> visited, Deque<NodeKey> queue, Instant now) {
        for (Relationship relationship : relationships) {
            if (!relationship.isExpiredAt(now)) {
                enqueue(new NodeKey(relationship.resource().type(), relationship.resource().id(), relationship.relation()), visited, queue);
            }
        }
    }

    private static void enqueue(NodeKey node, Set<NodeKey> visited, Deque<NodeKey> queue) {
        if (visited.add(node)) {
            queue.add(node);
        }
    }
}
