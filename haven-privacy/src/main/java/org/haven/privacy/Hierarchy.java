package org.haven.privacy;

/**
 * Generalisation levels for one field's values, as text. Level 0 is the value itself; each level is coarser than the
 * one below and never splits what it merges (two values equal at level i are equal at every level above); level
 * {@link #height()} is {@code *}, everything merged. Built by {@link Hierarchies}.
 */
public interface Hierarchy {

    String SUPPRESSED = "*";

    /** The top level, where every value is {@code *}. */
    int height();

    /** The value at a level from 0 to {@link #height()}; null when the hierarchy does not cover the value. */
    String generalise(String value, int level);
}
