package org.haven.authz.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.haven.authz.schema.AllowedSubject;
import org.haven.authz.schema.CompiledSchema;
import org.haven.authz.schema.Definition;
import org.haven.authz.schema.Permission;
import org.haven.authz.schema.PermissionExpression;
import org.haven.authz.schema.Relation;

/**
 * The schema read backwards, for walks from a subject towards resources: which permissions use a relation, and
 * which arrows lead into a type. Built once per schema.
 */
final class SchemaGraph {

    /** An arrow {@code tupleset->computed} in {@code permission} of {@code resourceType}. */
    record ArrowUse(String resourceType, String tupleset, String permission) {}

    private final Map<String, List<String>> permissionsUsing = new HashMap<>();
    private final Map<String, List<ArrowUse>> arrowsInto = new HashMap<>();

    SchemaGraph(CompiledSchema schema) {
        for (Definition definition : schema.definitions().values()) {
            for (Permission permission : definition.permissions().values()) {
                collect(schema, definition, permission, permission.expression());
            }
        }
    }

    /** Permissions of {@code type} whose expression names {@code relationOrPermission} directly. */
    List<String> permissionsUsing(String type, String relationOrPermission) {
        return permissionsUsing.getOrDefault(type + "#" + relationOrPermission, List.of());
    }

    /** Arrows whose tupleset can point at {@code targetType} and that ask it for {@code computed}. */
    List<ArrowUse> arrowsInto(String targetType, String computed) {
        return arrowsInto.getOrDefault(targetType + "#" + computed, List.of());
    }

    private void collect(CompiledSchema schema, Definition definition, Permission permission, PermissionExpression expression) {
        if (expression instanceof PermissionExpression.Union union) {
            union.operands().forEach(operand -> collect(schema, definition, permission, operand));
        } else if (expression instanceof PermissionExpression.Intersection intersection) {
            intersection.operands().forEach(operand -> collect(schema, definition, permission, operand));
        } else if (expression instanceof PermissionExpression.Exclusion exclusion) {
            collect(schema, definition, permission, exclusion.base());
            collect(schema, definition, permission, exclusion.subtracted());
        } else if (expression instanceof PermissionExpression.ComputedRef ref) {
            addOnce(permissionsUsing, definition.name() + "#" + ref.name(), permission.name());
        } else if (expression instanceof PermissionExpression.Arrow arrow) {
            Relation tupleset = definition.relation(arrow.tupleset());
            for (AllowedSubject allowed : tupleset.allowedSubjects()) {
                addOnce(arrowsInto, allowed.type() + "#" + arrow.computed(),
                        new ArrowUse(definition.name(), arrow.tupleset(), permission.name()));
            }
        }
    }

    private static <T> void addOnce(Map<String, List<T>> map, String key, T value) {
        List<T> values = map.computeIfAbsent(key, k -> new ArrayList<>());
        if (!values.contains(value)) {
            values.add(value);
        }
    }
}
