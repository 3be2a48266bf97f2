package org.haven.privacy;

/**
 * Why one figure of a protected table is not shown. Never states the hidden count.
 *
 * @param row the row label, or {@code total}
 * @param column the column label, or {@code total}
 */
public record SuppressionNote(String row, String column, CellStatus status, String explanation) {
}
