package org.haven.authz.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.haven.authz.ExpandTree;
import org.haven.authz.ObjectRef;
import org.haven.authz.Relationship;
import org.haven.authz.SubjectRef;
import org.haven.authz.schema.CompiledSchema;
import org.haven.authz.schema.Definition;
import org.haven.authz.schema.Permission;
import org.haven.authz.schema.PermissionExpression;

/** Builds the explanation tree of a permission, expanding subject sets all the way down to people. */
final class Expander {

    private final CompiledSchema schema;
    private final RelationshipIndex index;
    private final Instant now;
    private final int maxDepth;
    private final Set<NodeKey> path = new HashSet<>();

    Expander(CompiledSchema schema, RelationshipIndex index, Instant now, int maxDepth) {
        this.schema = schema;
        this.index = index;
        this.now = now;
        this.maxDepth = maxDepth;
    }

    ExpandTree expand(NodeKey node, int depth) {
        ObjectRef resource = new ObjectRef(node.type(), node.id());
        if (path.contains(node)) {
            return new ExpandTree(ExpandTree.Kind.CYCLE, resource, node.name(), List.of(), List.of());
        }
        if (depth > maxDepth) {
            return new ExpandTree(ExpandTree.Kind.TRUNCATED, resource, node.name(), List.of(), List.of());
        }
        Definition definition = schema.definition(node.type());
        if (definition == null) {
            return new ExpandTree(ExpandTree.Kind.NIL, resource, node.name(), List.of(), List.of());
        }
        path.add(node);
        try {
            if (definition.relation(node.name()) != null) {
                return leaf(node, resource, depth);
            }
            Permission permission = definition.permission(node.name());
            if (permission == null) {
                return new ExpandTree(ExpandTree.Kind.NIL, resource, node.name(), List.of(), List.of());
            }
            return expression(node, resource, permission.expression(), depth);
        } finally {
            path.remove(node);
        }
    }

    private ExpandTree leaf(NodeKey node, ObjectRef resource, int depth) {
        List<Relationship> relationships = new ArrayList<>();
        List<ExpandTree> children = new ArrayList<>();
        for (Relationship relationship : index.of(node.type(), node.id(), node.name())) {
            if (relationship.isExpiredAt(now)) {
                continue;
            }
            relationships.add(relationship);
            SubjectRef subject = relationship.subject();
            if (subject.hasRelation()) {
                children.add(expand(new NodeKey(subject.type(), subject.id(), subject.relation()), depth + 1));
            }
        }
        return new ExpandTree(ExpandTree.Kind.LEAF, resource, node.name(), relationships, children);
    }

    private ExpandTree expression(NodeKey node, ObjectRef resource, PermissionExpression expression, int depth) {
        if (expression instanceof PermissionExpression.ComputedRef ref) {
            return expand(new NodeKey(node.type(), node.id(), ref.name()), depth + 1);
        }
        if (expression instanceof PermissionExpression.Union union) {
            return new ExpandTree(ExpandTree.Kind.UNION, resource, node.name(), List.of(), operands(node, resource, union.operands(), depth));
        }
        if (expression instanceof PermissionExpression.Intersection intersection) {
            return new ExpandTree(ExpandTree.Kind.INTERSECTION, resource, node.name(), List.of(),
                    operands(node, resource, intersection.operands(), depth));
        }
        if (expression instanceof PermissionExpression.Exclusion exclusion) {
            return new ExpandTree(ExpandTree.Kind.EXCLUSION, resource, node.name(), List.of(),
                    operands(node, resource, List.of(exclusion.base(), exclusion.subtracted()), depth));
        }
        if (expression instanceof PermissionExpression.Arrow arrow) {
            List<Relationship> relationships = new ArrayList<>();
            List<ExpandTree> children = new ArrayList<>();
            for (Relationship relationship : index.of(node.type(), node.id(), arrow.tupleset())) {
                SubjectRef target = relationship.subject();
                Definition targetDefinition = schema.definition(target.type());
                if (relationship.isExpiredAt(now) || target.hasRelation() || targetDefinition == null
                        || !targetDefinition.hasRelationOrPermission(arrow.computed())) {
                    continue;
                }
                relationships.add(relationship);
                children.add(expand(new NodeKey(target.type(), target.id(), arrow.computed()), depth + 1));
            }
            return new ExpandTree(ExpandTree.Kind.ARROW, resource, arrow.tupleset() + "->" + arrow.computed(), relationships, children);
        }
        return new ExpandTree(ExpandTree.Kind.NIL, resource, node.name(), List.of(), List.of());
    }

    private List<ExpandTree> operands(NodeKey node, ObjectRef resource, List<PermissionExpression> operands, int depth) {
        List<ExpandTree> children = new ArrayList<>();
        for (PermissionExpression operand : operands) {
            children.add(expression(node, resource, operand, depth));
        }
        return children;
    }
}
