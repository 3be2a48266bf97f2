package org.haven.authz.schema;

import java.util.HashSet;
import java.util.Set;
import org.haven.authz.SchemaException;
import org.haven.authz.schema.PermissionExpression.Arrow;
import org.haven.authz.schema.PermissionExpression.ComputedRef;
import org.haven.authz.schema.PermissionExpression.Exclusion;
import org.haven.authz.schema.PermissionExpression.Intersection;
import org.haven.authz.schema.PermissionExpression.Union;

/** The checks SpiceDB makes once the whole schema is read: every name refers to something that exists and fits. */
final class SchemaChecker {

    private final CompiledSchema schema;

    private SchemaChecker(CompiledSchema schema) {
        this.schema = schema;
    }

    static void check(CompiledSchema schema) {
        SchemaChecker checker = new SchemaChecker(schema);
        for (Definition definition : schema.definitions().values()) {
            for (Relation relation : definition.relations().values()) {
                checker.checkRelation(definition, relation);
            }
            for (Permission permission : definition.permissions().values()) {
                checker.checkExpression(definition, permission, permission.expression());
            }
        }
    }

    private void checkRelation(Definition definition, Relation relation) {
        Set<String> seen = new HashSet<>();
        for (AllowedSubject allowed : relation.allowedSubjects()) {
            SourcePosition at = allowed.position();
            if (!seen.add(allowed.toString())) {
                throw fail(at, "duplicate allowed type '" + allowed + "' in relation '" + definition.name() + "#" + relation.name() + "'");
            }
            Definition target = schema.definition(allowed.type());
            if (target == null) {
                throw fail(at, "unknown type '" + allowed.type() + "' in relation '" + definition.name() + "#" + relation.name() + "'");
            }
            if (allowed.relation() != null && !target.hasRelationOrPermission(allowed.relation())) {
                throw fail(at, "type mismatch: '" + allowed.type() + "' has no relation or permission '" + allowed.relation()
                        + "' (used in '" + definition.name() + "#" + relation.name() + "')");
            }
            if (allowed.caveat() != null && schema.caveat(allowed.caveat()) == null) {
                throw fail(at, "unknown caveat '" + allowed.caveat() + "' in relation '" + definition.name() + "#" + relation.name() + "'");
            }
        }
    }

    private void checkExpression(Definition definition, Permission permission, PermissionExpression expression) {
        if (expression instanceof Union union) {
            union.operands().forEach(operand -> checkExpression(definition, permission, operand));
        } else if (expression instanceof Intersection intersection) {
            intersection.operands().forEach(operand -> checkExpression(definition, permission, operand));
        } else if (expression instanceof Exclusion exclusion) {
            checkExpression(definition, permission, exclusion.base());
            checkExpression(definition, permission, exclusion.subtracted());
        } else if (expression instanceof ComputedRef ref) {
            if (!definition.hasRelationOrPermission(ref.name())) {
                throw fail(ref.position(), "unknown relation or permission '" + ref.name() + "' in permission '"
                        + definition.name() + "#" + permission.name() + "'");
            }
            if (ref.name().equals(permission.name())) {
                throw fail(ref.position(), "permission '" + definition.name() + "#" + permission.name() + "' refers to itself");
            }
        } else if (expression instanceof Arrow arrow) {
            checkArrow(definition, permission, arrow);
        }
    }

    private void checkArrow(Definition definition, Permission permission, Arrow arrow) {
        String where = "arrow '" + arrow.tupleset() + "->" + arrow.computed() + "' in permission '" + definition.name() + "#" + permission.name() + "'";
        if (definition.permission(arrow.tupleset()) != null) {
            throw fail(arrow.position(), where + " walks over the permission '" + arrow.tupleset() + "'; arrows may only walk over relations");
        }
        Relation tupleset = definition.relation(arrow.tupleset());
        if (tupleset == null) {
            throw fail(arrow.position(), "unknown relation '" + arrow.tupleset() + "' in " + where);
        }
        boolean computedFound = false;
        for (AllowedSubject allowed : tupleset.allowedSubjects()) {
            if (allowed.wildcard()) {
                throw fail(arrow.position(), where + " walks over '" + allowed + "'; wildcards cannot be used on the left of an arrow");
            }
            if (allowed.relation() != null) {
                throw fail(arrow.position(), where + " walks over the subject set '" + allowed + "'; arrows only follow plain objects");
            }
            computedFound |= schema.definition(allowed.type()).hasRelationOrPermission(arrow.computed());
        }
        if (!computedFound) {
            throw fail(arrow.position(), where + ": none of the types of '" + arrow.tupleset() + "' has a relation or permission '" + arrow.computed() + "'");
        }
    }

    private static SchemaException fail(SourcePosition at, String problem) {
        return new SchemaException(at.line(), at.column(), problem);
    }
}
