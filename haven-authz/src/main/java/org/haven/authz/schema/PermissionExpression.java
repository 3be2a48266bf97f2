package org.haven.authz.schema;

import java.util.List;

/** The expression tree of a permission. */
public sealed interface PermissionExpression {

    /** {@code a + b + ...}: any operand grants. */
    record Union(List<PermissionExpression> operands) implements PermissionExpression {
        public Union {
            operands = List.copyOf(operands);
        }
    }

    /** {@code a & b & ...}: every operand must grant. */
    record Intersection(List<PermissionExpression> operands) implements PermissionExpression {
        public Intersection {
            operands = List.copyOf(operands);
        }
    }

    /** {@code base - subtracted}. */
    record Exclusion(PermissionExpression base, PermissionExpression subtracted) implements PermissionExpression {}

    /** A relation or permission of the same definition. */
    record ComputedRef(String name, SourcePosition position) implements PermissionExpression {}

    /** {@code tupleset->computed}: follow the relation {@code tupleset} to objects and ask each for {@code computed}. */
    record Arrow(String tupleset, String computed, SourcePosition position) implements PermissionExpression {}

    /** {@code nil}: grants nothing. */
    record Nil() implements PermissionExpression {}
}
