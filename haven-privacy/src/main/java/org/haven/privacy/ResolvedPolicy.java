package org.haven.privacy;

import java.util.List;

import org.haven.schema.Schema;

/**
 * A policy applied to one input schema: a treatment per field (in schema order) and the de-identified schema. The
 * output schema keeps field names and order, drops dropped fields, and gives each field its output data type.
 */
public record ResolvedPolicy(PrivacyPolicy policy, Schema input, List<FieldPlan> plans, Schema output) {

    public ResolvedPolicy {
        plans = List.copyOf(plans);
    }
}
