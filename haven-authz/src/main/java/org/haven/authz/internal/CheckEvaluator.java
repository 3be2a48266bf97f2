package org.haven.authz.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.haven.authz.CheckResult;
import org.haven.authz.DepthLimitExceededException;
import org.haven.authz.ObjectRef;
import org.haven.authz.Relationship;
import org.haven.authz.SubjectRef;
import org.haven.authz.schema.CaveatDefinition;
import org.haven.authz.schema.CaveatOutcome;
import org.haven.authz.schema.CompiledSchema;
import org.haven.authz.schema.Definition;
import org.haven.authz.schema.Permission;
import org.haven.authz.schema.PermissionExpression;

/**
 * Answers "does this one subject reach node X" for one request context, memoising every node it settles.
 *
 * <p>Cycles in the data are cut: a node met again while it is still being evaluated counts as "no" for that
 * path. Answers computed under such an assumption are only provisional; they are kept (Tarjan-style) until the
 * node at the root of the cycle is settled, and memoised only if that root's answer confirms the assumption.
 * Without that care a node's premature "no" would be reused elsewhere in the same request and give a wrong answer.
 */
final class CheckEvaluator {

    private final CompiledSchema schema;
    private final RelationshipIndex index;
    private final SubjectRef subject;
    private final Map<String, Object> context;
    private final Instant now;
    private final int maxDepth;

    private final Map<NodeKey, CheckResult> memo = new HashMap<>();
    private final Map<NodeKey, Frame> onStack = new HashMap<>();
    private final List<Frame> stack = new ArrayList<>();
    private final Map<Integer, Pending> pending = new HashMap<>();

    private static final class Frame {
        final int position;
        int lowLink;

        Frame(int position) {
            this.position = position;
            this.lowLink = position;
        }
    }

    /** Provisional "no" answers waiting for the root of their cycle. */
    private static final class Pending {
        final List<NodeKey> negatives = new ArrayList<>();
        boolean tainted;
    }

    CheckEvaluator(CompiledSchema schema, RelationshipIndex index, SubjectRef subject, Map<String, Object> context, Instant now, int maxDepth) {
        this.schema = schema;
        this.index = index;
        this.subject = subject;
        this.context = context;
        this.now = now;
        this.maxDepth = maxDepth;
    }

    SubjectRef subject() {
        return subject;
    }

    CheckResult check(ObjectRef resource, String name) {
        return evaluate(new NodeKey(resource.type(), resource.id(), name), 0);
    }

    private CheckResult evaluate(NodeKey node, int depth) {
        if (subject.hasRelation() && subject.type().equals(node.type()) && subject.id().equals(node.id())
                && subject.relation().equals(node.name())) {
            return CheckResult.HAS_PERMISSION;
        }
        CheckResult known = memo.get(node);
        if (known != null) {
            return known;
        }
        Frame cycleRoot = onStack.get(node);
        if (cycleRoot != null) {
            Frame top = stack.get(stack.size() - 1);
            top.lowLink = Math.min(top.lowLink, cycleRoot.position);
            return CheckResult.NO_PERMISSION;
        }
        if (depth > maxDepth) {
            throw new DepthLimitExceededException(maxDepth, node.toString());
        }
        Frame frame = new Frame(stack.size());
        stack.add(frame);
        onStack.put(node, frame);
        CheckResult result;
        try {
            result = compute(node, depth);
        } finally {
            stack.remove(stack.size() - 1);
            onStack.remove(node);
        }
        settle(node, frame, result);
        return result;
    }

    private void settle(NodeKey node, Frame frame, CheckResult result) {
        if (!stack.isEmpty()) {
            Frame parent = stack.get(stack.size() - 1);
            parent.lowLink = Math.min(parent.lowLink, frame.lowLink);
        }
        Pending own = pending.remove(frame.position);
        if (frame.lowLink >= frame.position) {
            memo.put(node, result);
            if (own != null && !own.tainted && Outcomes.isNo(result)) {
                own.negatives.forEach(key -> memo.put(key, CheckResult.NO_PERMISSION));
            }
            return;
        }
        Pending root = pending.computeIfAbsent(frame.lowLink, position -> new Pending());
        if (own != null) {
            root.negatives.addAll(own.negatives);
            root.tainted |= own.tainted;
        }
        if (Outcomes.isNo(result)) {
            root.negatives.add(node);
        } else {
            root.tainted = true;
            if (result.hasPermission()) {
                memo.put(node, result);
            }
        }
    }

    private CheckResult compute(NodeKey node, int depth) {
        Definition definition = schema.definition(node.type());
        if (definition == null) {
            return CheckResult.NO_PERMISSION;
        }
        if (definition.relation(node.name()) != null) {
            return relation(node, depth);
        }
        Permission permission = definition.permission(node.name());
        if (permission == null) {
            return CheckResult.NO_PERMISSION;
        }
        return expression(node, permission.expression(), depth);
    }

    private CheckResult relation(NodeKey node, int depth) {
        ObjectRef resource = new ObjectRef(node.type(), node.id());
        CheckResult result = direct(index.exact(resource, node.name(), subject));
        if (result.hasPermission()) {
            return result;
        }
        if (!subject.hasRelation() && !subject.isWildcard()) {
            result = Outcomes.or(result, direct(index.exact(resource, node.name(), SubjectRef.wildcard(subject.type()))));
            if (result.hasPermission()) {
                return result;
            }
        }
        for (Relationship relationship : index.of(node.type(), node.id(), node.name())) {
            SubjectRef set = relationship.subject();
            if (!set.hasRelation() || relationship.isExpiredAt(now)) {
                continue;
            }
            CheckResult caveat = caveat(relationship);
            if (Outcomes.isNo(caveat)) {
                continue;
            }
            CheckResult member = evaluate(new NodeKey(set.type(), set.id(), set.relation()), depth + 1);
            result = Outcomes.or(result, Outcomes.and(caveat, member));
            if (result.hasPermission()) {
                return result;
            }
        }
        return result;
    }

    private CheckResult direct(Relationship relationship) {
        if (relationship == null || relationship.isExpiredAt(now)) {
            return CheckResult.NO_PERMISSION;
        }
        return caveat(relationship);
    }

    private CheckResult expression(NodeKey node, PermissionExpression expression, int depth) {
        if (expression instanceof PermissionExpression.ComputedRef ref) {
            return evaluate(new NodeKey(node.type(), node.id(), ref.name()), depth + 1);
        }
        if (expression instanceof PermissionExpression.Union union) {
            CheckResult result = CheckResult.NO_PERMISSION;
            for (PermissionExpression operand : union.operands()) {
                result = Outcomes.or(result, expression(node, operand, depth));
                if (result.hasPermission()) {
                    return result;
                }
            }
            return result;
        }
        if (expression instanceof PermissionExpression.Intersection intersection) {
            CheckResult result = CheckResult.HAS_PERMISSION;
            for (PermissionExpression operand : intersection.operands()) {
                result = Outcomes.and(result, expression(node, operand, depth));
                if (Outcomes.isNo(result)) {
                    return result;
                }
            }
            return result;
        }
        if (expression instanceof PermissionExpression.Exclusion exclusion) {
            CheckResult base = expression(node, exclusion.base(), depth);
            if (Outcomes.isNo(base)) {
                return base;
            }
            return Outcomes.butNot(base, expression(node, exclusion.subtracted(), depth));
        }
        if (expression instanceof PermissionExpression.Arrow arrow) {
            return arrow(node, arrow, depth);
        }
        return CheckResult.NO_PERMISSION;
    }

    private CheckResult arrow(NodeKey node, PermissionExpression.Arrow arrow, int depth) {
        CheckResult result = CheckResult.NO_PERMISSION;
        for (Relationship relationship : index.of(node.type(), node.id(), arrow.tupleset())) {
            SubjectRef target = relationship.subject();
            if (target.hasRelation() || target.isWildcard() || relationship.isExpiredAt(now)) {
                continue;
            }
            Definition targetDefinition = schema.definition(target.type());
            if (targetDefinition == null || !targetDefinition.hasRelationOrPermission(arrow.computed())) {
                continue;
            }
            CheckResult caveat = caveat(relationship);
            if (Outcomes.isNo(caveat)) {
                continue;
            }
            CheckResult reached = evaluate(new NodeKey(target.type(), target.id(), arrow.computed()), depth + 1);
            result = Outcomes.or(result, Outcomes.and(caveat, reached));
            if (result.hasPermission()) {
                return result;
            }
        }
        return result;
    }

    private CheckResult caveat(Relationship relationship) {
        if (relationship.caveat() == null) {
            return CheckResult.HAS_PERMISSION;
        }
        CaveatDefinition definition = schema.caveat(relationship.caveat().name());
        if (definition == null) {
            return CheckResult.NO_PERMISSION;
        }
        CaveatOutcome outcome = definition.evaluate(relationship.caveat().context(), context);
        return switch (outcome.decision()) {
            case TRUE -> CheckResult.HAS_PERMISSION;
            case FALSE -> CheckResult.NO_PERMISSION;
            case MISSING_CONTEXT -> CheckResult.conditional(outcome.missingParameters());
        };
    }
}
