package org.haven.schema.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.haven.schema.Constraints;
import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.SchemaChange;
import org.haven.schema.SchemaChange.Impact;
import org.haven.schema.SchemaChange.Kind;

/**
 * The changes between two versions of one field. A change is additive only when every value the old field accepted
 * is still accepted; anything that cannot be shown to be a relaxation (a different pattern, a different type) counts
 * as breaking. A change of identifier type is breaking in both directions: raising it means outputs already shared
 * exposed the field too freely, lowering it weakens de-identification, and both deserve a deliberate decision.
 */
public final class FieldComparison {

    private final Field before;
    private final Field after;
    private final List<SchemaChange> changes = new ArrayList<>();

    private FieldComparison(Field before, Field after) {
        this.before = before;
        this.after = after;
    }

    public static List<SchemaChange> compare(Field before, Field after) {
        FieldComparison comparison = new FieldComparison(before, after);
        comparison.run();
        return comparison.changes;
    }

    private void run() {
        if (!before.name().equals(after.name())) {
            add(Kind.FIELD_RENAMED, Impact.BREAKING, "name " + before.name() + " -> " + after.name());
        }
        if (before.dataType() != after.dataType()) {
            // Constraints of different types cannot be compared; the type change already says enough.
            add(Kind.DATA_TYPE_CHANGED, Impact.BREAKING, "data_type " + before.dataType() + " -> " + after.dataType());
        }
        if (before.required() != after.required()) {
            add(after.required() ? Kind.MADE_REQUIRED : Kind.MADE_OPTIONAL,
                    after.required() ? Impact.BREAKING : Impact.ADDITIVE,
                    after.required() ? "optional -> required" : "required -> optional");
        }
        if (before.identifierType() != after.identifierType()) {
            boolean raised = after.identifierType().isMoreIdentifyingThan(before.identifierType());
            add(raised ? Kind.IDENTIFIER_TYPE_RAISED : Kind.IDENTIFIER_TYPE_LOWERED, Impact.BREAKING,
                    "identifier_type " + before.identifierType() + " -> " + after.identifierType());
        }
        if (!before.description().equals(after.description())) {
            add(Kind.DESCRIPTION_CHANGED, Impact.ADDITIVE, "description changed");
        }
        if (before.dataType() == after.dataType()) {
            compareCodes();
            compareConstraints(before.constraints(), after.constraints());
        }
    }

    private void compareCodes() {
        Set<String> removed = new LinkedHashSet<>(before.codeList());
        removed.removeAll(after.codeList());
        Set<String> added = new LinkedHashSet<>(after.codeList());
        added.removeAll(before.codeList());
        if (!removed.isEmpty()) {
            add(Kind.CODES_REMOVED, Impact.BREAKING, "codes removed: " + removed);
        }
        if (!added.isEmpty()) {
            add(Kind.CODES_ADDED, Impact.ADDITIVE, "codes added: " + added);
        }
    }

    private void compareConstraints(Constraints old, Constraints now) {
        if (!Objects.equals(old.pattern(), now.pattern())) {
            if (old.pattern() == null) {
                add(Kind.PATTERN_ADDED, Impact.BREAKING, "pattern added");
            } else if (now.pattern() == null) {
                add(Kind.PATTERN_REMOVED, Impact.ADDITIVE, "pattern removed");
            } else {
                add(Kind.PATTERN_CHANGED, Impact.BREAKING, "pattern changed");
            }
        }
        compareLimit("minimum", old.minimum(), now.minimum(), 1);
        compareLimit("maximum", old.maximum(), now.maximum(), -1);
        compareLength("min_length", old.minLength(), now.minLength(), 1);
        compareLength("max_length", old.maxLength(), now.maxLength(), -1);
        compareAllowedValues(old, now);
    }

    /** {@code tighterSign} is the sign of {@code compare(new, old)} that makes the limit stricter. */
    private void compareLimit(String name, String old, String now, int tighterSign) {
        if (Objects.equals(old, now)) {
            return;
        }
        int direction;
        if (old == null) {
            direction = tighterSign;
        } else if (now == null) {
            direction = -tighterSign;
        } else {
            direction = Integer.signum(compareTyped(now, old));
        }
        addLimitChange(direction * tighterSign, Kind.RANGE_TIGHTENED, Kind.RANGE_RELAXED, name, old, now);
    }

    private void compareLength(String name, Integer old, Integer now, int tighterSign) {
        if (Objects.equals(old, now)) {
            return;
        }
        int direction;
        if (old == null) {
            direction = tighterSign;
        } else if (now == null) {
            direction = -tighterSign;
        } else {
            direction = Integer.signum(Integer.compare(now, old));
        }
        addLimitChange(direction * tighterSign, Kind.LENGTH_TIGHTENED, Kind.LENGTH_RELAXED, name, old, now);
    }

    private void addLimitChange(int strictness, Kind tightened, Kind relaxed, String name, Object old, Object now) {
        String detail = name + " " + (old == null ? "none" : old) + " -> " + (now == null ? "none" : now);
        if (strictness > 0) {
            add(tightened, Impact.BREAKING, detail);
        } else if (strictness < 0) {
            add(relaxed, Impact.ADDITIVE, detail);
        }
    }

    private void compareAllowedValues(Constraints old, Constraints now) {
        Set<Object> oldValues = typedSet(old.allowedValues());
        Set<Object> newValues = typedSet(now.allowedValues());
        if (oldValues.equals(newValues)) {
            return;
        }
        if (oldValues.isEmpty()) {
            add(Kind.ALLOWED_VALUES_TIGHTENED, Impact.BREAKING, "allowed_values added");
            return;
        }
        if (newValues.isEmpty()) {
            add(Kind.ALLOWED_VALUES_RELAXED, Impact.ADDITIVE, "allowed_values removed");
            return;
        }
        if (!newValues.containsAll(oldValues)) {
            add(Kind.ALLOWED_VALUES_TIGHTENED, Impact.BREAKING, "allowed values removed");
        }
        if (!oldValues.containsAll(newValues)) {
            add(Kind.ALLOWED_VALUES_RELAXED, Impact.ADDITIVE, "allowed values added");
        }
    }

    private Set<Object> typedSet(List<String> values) {
        Set<Object> typed = new LinkedHashSet<>();
        for (String value : values) {
            typed.add(TypedValues.comparable(TypedValues.parse(after.dataType(), value.strip())));
        }
        return typed;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private int compareTyped(String left, String right) {
        DataType type = after.dataType();
        Comparable leftValue = (Comparable) TypedValues.comparable(TypedValues.parse(type, left.strip()));
        Object rightValue = TypedValues.comparable(TypedValues.parse(type, right.strip()));
        return leftValue.compareTo(rightValue);
    }

    private void add(Kind kind, Impact impact, String detail) {
        changes.add(new SchemaChange(after.name(), kind, impact, detail));
    }
}
