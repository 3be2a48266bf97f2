package org.haven.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.haven.schema.SchemaChange.Impact;
import org.haven.schema.SchemaChange.Kind;
import org.haven.schema.SchemaException.Problem;
import org.haven.schema.internal.FieldComparison;

/**
 * Classifies the changes from one schema version to the next, so the catalog can refuse breaking ones unless they
 * are explicitly allowed. Fields are matched by name ignoring case; a field whose name changes only in case is
 * reported as renamed. Field order is not part of a schema's contract and is ignored. The rules are in
 * {@link FieldComparison} and the module README.
 */
public final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    /** Every change from {@code before} to {@code after}; empty when they are equivalent. */
    public static List<SchemaChange> compare(Schema before, Schema after) {
        List<SchemaChange> changes = new ArrayList<>();
        for (Field old : before.fields()) {
            var now = after.field(old.name());
            if (now.isEmpty()) {
                changes.add(new SchemaChange(old.name(), Kind.FIELD_REMOVED, Impact.BREAKING, "field removed"));
            } else {
                changes.addAll(FieldComparison.compare(old, now.get()));
            }
        }
        for (Field now : after.fields()) {
            if (before.field(now.name()).isEmpty()) {
                changes.add(now.required()
                        ? new SchemaChange(now.name(), Kind.REQUIRED_FIELD_ADDED, Impact.BREAKING,
                                "required field added: existing records do not have it")
                        : new SchemaChange(now.name(), Kind.OPTIONAL_FIELD_ADDED, Impact.ADDITIVE,
                                "optional field added"));
            }
        }
        return List.copyOf(changes);
    }

    public static boolean hasBreakingChange(List<SchemaChange> changes) {
        return changes.stream().anyMatch(SchemaChange::isBreaking);
    }

    /**
     * The changes from {@code before} to {@code after}, or a {@link Problem#BREAKING_CHANGE} when any of them is
     * breaking and {@code allowBreaking} is false.
     */
    public static List<SchemaChange> checkEvolution(Schema before, Schema after, boolean allowBreaking) {
        List<SchemaChange> changes = compare(before, after);
        if (!allowBreaking && hasBreakingChange(changes)) {
            List<SchemaChange> breaking = changes.stream().filter(SchemaChange::isBreaking).toList();
            String summary = breaking.stream()
                    .map(change -> change.fieldName() + ": " + change.detail())
                    .collect(Collectors.joining("; "));
            throw new SchemaException(Problem.BREAKING_CHANGE, breaking.get(0).fieldName(),
                    breaking.size() + " breaking change(s) need the explicit flag: " + summary);
        }
        return changes;
    }
}
