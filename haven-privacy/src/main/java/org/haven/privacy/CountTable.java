package org.haven.privacy;

import java.util.List;

/** Counts by row and column (a two-way table; a one-way table has one row). Counts are zero or more. */
public final class CountTable {

    private final List<String> rowLabels;
    private final List<String> columnLabels;
    private final long[][] counts;

    private CountTable(List<String> rowLabels, List<String> columnLabels, long[][] counts) {
        this.rowLabels = List.copyOf(rowLabels);
        this.columnLabels = List.copyOf(columnLabels);
        if (this.rowLabels.isEmpty() || this.columnLabels.isEmpty()) {
            throw new IllegalArgumentException("a count table has at least one row and one column");
        }
        if (counts.length != this.rowLabels.size()) {
            throw new IllegalArgumentException("one row of counts per row label");
        }
        this.counts = new long[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            if (counts[r].length != this.columnLabels.size()) {
                throw new IllegalArgumentException("row " + r + " has " + counts[r].length + " counts for "
                        + this.columnLabels.size() + " columns");
            }
            for (long count : counts[r]) {
                if (count < 0) {
                    throw new IllegalArgumentException("counts are zero or more");
                }
            }
            this.counts[r] = counts[r].clone();
        }
    }

    public static CountTable of(List<String> rowLabels, List<String> columnLabels, long[][] counts) {
        return new CountTable(rowLabels, columnLabels, counts);
    }

    /** A one-way table: one row labelled {@code all}. */
    public static CountTable oneWay(List<String> labels, long[] counts) {
        return new CountTable(List.of("all"), labels, new long[][] {counts});
    }

    public List<String> rowLabels() {
        return rowLabels;
    }

    public List<String> columnLabels() {
        return columnLabels;
    }

    public long count(int row, int column) {
        return counts[row][column];
    }

    public int rows() {
        return rowLabels.size();
    }

    public int columns() {
        return columnLabels.size();
    }
}
