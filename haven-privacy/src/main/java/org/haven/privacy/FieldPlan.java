package org.haven.privacy;

import org.haven.schema.Field;

/** What happens to one input field: its treatment, already checked against it. */
public record FieldPlan(Field input, Treatment treatment) {
}
