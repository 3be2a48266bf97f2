package org.haven.privacy;

import java.util.List;

/**
 * A count table after disclosure control, with its margins. Row {@link #rows()} holds the column totals and column
 * {@link #columns()} the row totals, so {@code value(rows(), columns())} is the grand total. A suppressed figure has
 * no value.
 */
public final class ProtectedTable {

    private final CountTable source;
    private final SdcSettings settings;
    private final Long[][] values;
    private final CellStatus[][] statuses;
    private final List<SuppressionNote> notes;
    private final String summary;

    ProtectedTable(CountTable source, SdcSettings settings, Long[][] values, CellStatus[][] statuses,
            List<SuppressionNote> notes, String summary) {
        this.source = source;
        this.settings = settings;
        this.values = values;
        this.statuses = statuses;
        this.notes = List.copyOf(notes);
        this.summary = summary;
    }

    public int rows() {
        return source.rows();
    }

    public int columns() {
        return source.columns();
    }

    public List<String> rowLabels() {
        return source.rowLabels();
    }

    public List<String> columnLabels() {
        return source.columnLabels();
    }

    public SdcSettings settings() {
        return settings;
    }

    /** The rounded count, or null when suppressed; indices up to and including the margins. */
    public Long value(int row, int column) {
        return values[row][column];
    }

    public CellStatus status(int row, int column) {
        return statuses[row][column];
    }

    public Long rowTotal(int row) {
        return values[row][columns()];
    }

    public Long columnTotal(int column) {
        return values[rows()][column];
    }

    public Long grandTotal() {
        return values[rows()][columns()];
    }

    /** One note per suppressed figure. */
    public List<SuppressionNote> notes() {
        return notes;
    }

    /** One sentence for the output: the rule and how many figures it hid. */
    public String summary() {
        return summary;
    }

    /**
     * One derived figure for any cell, margins included ({@code protectFigure(rows(), columns(), overallMean)}):
     * null when that count is hidden.
     */
    public Double protectFigure(int row, int column, double figure) {
        return statuses[row][column].isSuppressed() ? null : figure;
    }

    /**
     * A figure derived per cell (a sum, a mean) from the same records as the counts: shown only where the count is
     * shown, because a mean of three people is as disclosive as their count. Values are not rounded.
     *
     * @param figures one per interior cell, same shape as the counts
     */
    public Double[][] protect(double[][] figures) {
        if (figures.length != rows()) {
            throw new IllegalArgumentException("one row of figures per row");
        }
        Double[][] result = new Double[rows()][columns()];
        for (int r = 0; r < rows(); r++) {
            if (figures[r].length != columns()) {
                throw new IllegalArgumentException("row " + r + " of the figures has the wrong length");
            }
            for (int c = 0; c < columns(); c++) {
                result[r][c] = statuses[r][c].isSuppressed() ? null : figures[r][c];
            }
        }
        return result;
    }
}
