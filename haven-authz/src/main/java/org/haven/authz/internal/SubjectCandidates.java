package org.haven.authz.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.haven.authz.Relationship;
import org.haven.authz.SubjectRef;
import org.haven.authz.schema.CompiledSchema;
import org.haven.authz.schema.Definition;
import org.haven.authz.schema.Permission;
import org.haven.authz.schema.PermissionExpression;

/**
 * Walks from a resource's permission towards subjects, collecting every subject of the wanted type met anywhere in
 * the expression (both sides of exclusions included, so that excluded subjects are known). The caller confirms each
 * with a check. Each node is visited once, so cycles terminate.
 */
final class SubjectCandidates {

    private SubjectCandidates() {}

    /** Subjects of {@code subjectType} (with {@code subjectRelation}, null for plain objects), wildcards included. */
    static Set<SubjectRef> find(CompiledSchema schema, RelationshipIndex index, NodeKey start, String subjectType, String subjectRelation,
                                Instant now, boolean includeAllSets) {
        Set<NodeKey> visited = new HashSet<>();
        Deque<NodeKey> queue = new ArrayDeque<>();
        Set<SubjectRef> found = new LinkedHashSet<>();
        visited.add(start);
        queue.add(start);
        while (!queue.isEmpty()) {
            NodeKey node = queue.poll();
            Definition definition = schema.definition(node.type());
            if (definition == null) {
                continue;
            }
            if (definition.relation(node.name()) != null) {
                for (Relationship relationship : index.of(node.type(), node.id(), node.name())) {
                    if (relationship.isExpiredAt(now)) {
                        continue;
                    }
                    SubjectRef subject = relationship.subject();
                    boolean wanted = subjectType == null
                            || (subject.type().equals(subjectType) && Objects.equals(subject.relation(), subjectRelation));
                    if (wanted || (includeAllSets && subject.hasRelation())) {
                        found.add(subject);
                    }
                    if (subject.hasRelation()) {
                        enqueue(new NodeKey(subject.type(), subject.id(), subject.relation()), visited, queue);
                    }
                }
            } else {
                Permission permission = definition.permission(node.name());
                if (permission != null) {
                    walk(schema, index, node, permission.expression(), visited, queue, now);
                }
            }
        }
        return found;
    }

    private static void walk(CompiledSchema schema, RelationshipIndex index, NodeKey node, PermissionExpression expression,
                             Set<NodeKey> visited, Deque<NodeKey> queue, Instant now) {
        if (expression instanceof PermissionExpression.ComputedRef ref) {
            enqueue(new NodeKey(node.type(), node.id(), ref.name()), visited, queue);
        } else if (expression instanceof PermissionExpression.Union union) {
            union.operands().forEach(operand -> walk(schema, index, node, operand, visited, queue, now));
        } else if (expression instanceof PermissionExpression.Intersection intersection) {
            intersection.operands().forEach(operand -> walk(schema, index, node, operand, visited, queue, now));
        } else if (expression instanceof PermissionExpression.Exclusion exclusion) {
            walk(schema, index, node, exclusion.base(), visited, queue, now);
            walk(schema, index, node, exclusion.subtracted(), visited, queue, now);
        } else if (expression instanceof PermissionExpression.Arrow arrow) {
            for (Relationship relationship : index.of(node.type(), node.id(), arrow.tupleset())) {
                SubjectRef target = relationship.subject();
                Definition targetDefinition = schema.definition(target.type());
                if (!relationship.isExpiredAt(now) && !target.hasRelation() && targetDefinition != null
                        && targetDefinition.hasRelationOrPermission(arrow.computed())) {
                    enqueue(new NodeKey(target.type(), target.id(), arrow.computed()), visited, queue);
                }
            }
        }
    }

    private static void enqueue(NodeKey node, Set<NodeKey> visited, Deque<NodeKey> queue) {
        if (visited.add(node)) {
            queue.add(node);
        }
    }
}
