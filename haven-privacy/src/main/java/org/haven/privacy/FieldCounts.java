package org.haven.privacy;

import java.util.Map;

/**
 * What happened to one field over a run.
 *
 * @param treated present values that got an output value
 * @param nulls values missing in the input (null in, null out; not suppression)
 * @param suppressed present values that got no output, by reason
 */
public record FieldCounts(TreatmentKind treatment, long treated, long nulls, Map<SuppressionReason, Long> suppressed) {

    public FieldCounts {
        suppressed = Map.copyOf(suppressed);
    }

    public long suppressedTotal() {
        return suppressed.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Values that were not what the field's type promised: malformed or of an unexpected Java type. */
    public long malformed() {
        return suppressed.getOrDefault(SuppressionReason.MALFORMED, 0L)
                + suppressed.getOrDefault(SuppressionReason.UNEXPECTED_TYPE, 0L);
    }
}
