package org.haven.privacy;

/** One field's treatment, bound to its keys. Thread-safe; never throws for a bad value. */
@FunctionalInterface
public interface FieldTransform {

    /**
     * @param value a non-null typed value of the input field
     * @return the output value, or a {@link SuppressionReason} when there is none
     */
    Object apply(Object value);
}
