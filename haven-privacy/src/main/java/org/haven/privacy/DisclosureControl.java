package org.haven.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Statistical disclosure control for count tables. Primary suppression hides every count at or below the threshold
 * (and any that would round to it); the rest are rounded to the base. Secondary suppression then makes sure that
 * every row and column (margins included) with a hidden figure has at least two, so no hidden count is the
 * difference between a total and the shown cells; it hides the smallest remaining cell of such a line, preferring
 * one whose other line already has a suppression, and a line's total only when no cell is left. Totals are computed
 * from the unrounded counts and then protected like any count.
 *
 * <p>This is the usual two-per-line rule, not a full linear-programming audit: with rounding it leaves intervals,
 * not exact values, for an attacker to work out.
 */
public final class DisclosureControl {

    private final SdcSettings settings;

    public DisclosureControl(SdcSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public static DisclosureControl withDefaults() {
        return new DisclosureControl(SdcSettings.DEFAULTS);
    }

    public ProtectedTable protect(CountTable table) {
        int rows = table.rows();
        int columns = table.columns();
        long[][] raw = new long[rows + 1][columns + 1];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                long count = table.count(r, c);
                raw[r][c] = count;
                raw[r][columns] += count;
                raw[rows][c] += count;
                raw[rows][columns] += count;
            }
        }
        CellStatus[][] statuses = new CellStatus[rows + 1][columns + 1];
        for (int r = 0; r <= rows; r++) {
            for (int c = 0; c <= columns; c++) {
                boolean small = raw[r][c] <= settings.threshold() || settings.round(raw[r][c]) <= settings.threshold();
                statuses[r][c] = small ? CellStatus.PRIMARY_SUPPRESSED : CellStatus.PUBLISHED;
            }
        }
        secondarySuppression(raw, statuses);
        Long[][] values = new Long[rows + 1][columns + 1];
        List<SuppressionNote> notes = new ArrayList<>();
        int primary = 0;
        int secondary = 0;
        for (int r = 0; r <= rows; r++) {
            for (int c = 0; c <= columns; c++) {
                String rowLabel = r == rows ? "total" : table.rowLabels().get(r);
                String columnLabel = c == columns ? "total" : table.columnLabels().get(c);
                switch (statuses[r][c]) {
                    case PUBLISHED -> values[r][c] = settings.round(raw[r][c]);
                    case PRIMARY_SUPPRESSED -> {
                        primary++;
                        notes.add(new SuppressionNote(rowLabel, columnLabel, CellStatus.PRIMARY_SUPPRESSED,
                                "count of " + settings.threshold() + " or fewer"));
                    }
                    case SECONDARY_SUPPRESSED -> {
                        secondary++;
                        notes.add(new SuppressionNote(rowLabel, columnLabel, CellStatus.SECONDARY_SUPPRESSED,
                                "hidden so that another hidden count cannot be worked out from the totals"));
                    }
                }
            }
        }
        String summary = "Counts of " + settings.threshold() + " or fewer are suppressed and the others rounded to "
                + "the nearest " + settings.roundingBase() + "; " + primary + " figure(s) suppressed as small, "
                + secondary + " more to protect them.";
        return new ProtectedTable(table, settings, values, statuses, notes, summary);
    }

    /** Each line is a row or a column of the table with margins; its last cell is its total. */
    private static void secondarySuppression(long[][] raw, CellStatus[][] statuses) {
        int rows = raw.length - 1;
        int columns = raw[0].length - 1;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int r = 0; r <= rows; r++) {
                if (suppressedInRow(statuses, r) == 1) {
                    int c = complementInRow(raw, statuses, r);
                    statuses[r][c] = CellStatus.SECONDARY_SUPPRESSED;
                    changed = true;
                }
            }
            for (int c = 0; c <= columns; c++) {
                if (suppressedInColumn(statuses, c) == 1) {
                    int r = complementInColumn(raw, statuses, c);
                    statuses[r][c] = CellStatus.SECONDARY_SUPPRESSED;
                    changed = true;
                }
            }
        }
    }

    private static int complementInRow(long[][] raw, CellStatus[][] statuses, int row) {
        int columns = raw[0].length - 1;
        int best = -1;
        for (int c = 0; c < columns; c++) {
            if (!statuses[row][c].isSuppressed() && (best < 0 || better(raw[row][c], suppressedInColumn(statuses, c),
                    raw[row][best], suppressedInColumn(statuses, best)))) {
                best = c;
            }
        }
        return best >= 0 ? best : columns;
    }

    private static int complementInColumn(long[][] raw, CellStatus[][] statuses, int column) {
        int rows = raw.length - 1;
        int best = -1;
        for (int r = 0; r < rows; r++) {
            if (!statuses[r][column].isSuppressed() && (best < 0 || better(raw[r][column], suppressedInRow(statuses, r),
                    raw[best][column], suppressedInRow(statuses, best)))) {
                best = r;
            }
        }
        return best >= 0 ? best : rows;
    }

    /** Smaller first; on a tie, the cell whose crossing line already has suppressions (no new line opened). */
    private static boolean better(long count, int crossing, long bestCount, int bestCrossing) {
        if (count != bestCount) {
            return count < bestCount;
        }
        return crossing > 0 && bestCrossing == 0;
    }

    private static int suppressedInRow(CellStatus[][] statuses, int row) {
        int count = 0;
        for (CellStatus status : statuses[row]) {
            if (status.isSuppressed()) {
                count++;
            }
        }
        return count;
    }

    private static int suppressedInColumn(CellStatus[][] statuses, int column) {
        int count = 0;
        for (CellStatus[] row : statuses) {
            if (row[column].isSuppressed()) {
                count++;
            }
        }
        return count;
    }
}
