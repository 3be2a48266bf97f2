package org.haven.privacy;

/**
 * Why a treatment gave no value for a present input. The de-identifier writes null and counts the reason; it never
 * stops a run for one value.
 */
public enum SuppressionReason {
    /** The value does not have the shape the treatment needs: a postcode that is not one, a ZIP with letters. */
    MALFORMED,
    /** The value is outside what the treatment covers: a date of birth after the reference date. */
    OUT_OF_RANGE,
    /** A custom hierarchy has no row for the value. */
    NOT_IN_HIERARCHY,
    /** The record held a Java type the field's data type never produces (a caller bug, counted not thrown). */
    UNEXPECTED_TYPE
}
