package org.haven.privacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.haven.privacy.internal.Csv;
import org.haven.privacy.internal.Generalisations;
import org.haven.privacy.internal.Postcodes;
import org.haven.schema.DataType;

/** The hierarchies k-anonymity searches over, and the tables behind {@code generalise} with {@code hierarchy}. */
public final class Hierarchies {

    private Hierarchies() {
    }

    /** ISO date (or date-time) → {@code yyyy-MM} → {@code yyyy-Qn} → {@code yyyy} → {@code *}. */
    public static Hierarchy dates() {
        return new Levels(4, (value, level) -> {
            java.time.LocalDate date = Generalisations.isoDate(value);
            if (date == null) {
                return null;
            }
            return switch (level) {
                case 1 -> Generalisations.month(date);
                case 2 -> Generalisations.quarter(date);
                default -> Long.toString(date.getYear());
            };
        });
    }

    /** UK postcode → district ({@code SW1A}) → area ({@code SW}) → {@code *}. */
    public static Hierarchy postcodes() {
        return new Levels(3, (value, level) -> level == 1 ? Postcodes.district(value) : Postcodes.area(value));
    }

    /**
     * Whole numbers → bands of the given widths, each a multiple of the one before ({@code 5, 10, 20}), written
     * {@code [lo,hi)} → {@code *}.
     */
    public static Hierarchy bands(long... widths) {
        if (widths.length == 0) {
            throw new IllegalArgumentException("at least one band width");
        }
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] <= 0 || (i > 0 && widths[i] % widths[i - 1] != 0)) {
                throw new IllegalArgumentException("band widths are positive, each a multiple of the one before");
            }
        }
        long[] copy = widths.clone();
        return new Levels(copy.length + 1, (value, level) -> {
            Long number = Generalisations.wholeNumber(value);
            return number == null ? null : Generalisations.band(number, copy[level - 1]);
        });
    }

    /** The value, then {@code *}: for fields with no natural hierarchy. */
    public static Hierarchy suppressionOnly() {
        return new Levels(1, (value, level) -> value);
    }

    /**
     * A custom hierarchy: one CSV row per value, {@code value,level1,level2,...}, every row with the same number of
     * columns; {@code *} is added on top. Refused unless it really is a hierarchy: a level must not split values that
     * a lower level merged.
     */
    public static Hierarchy table(String csv) {
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : Csv.parse(csv)) {
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a hierarchy table needs at least one row");
        }
        int columns = rows.get(0).size();
        if (columns < 2) {
            throw new IllegalArgumentException("a hierarchy row is a value and at least one level");
        }
        Map<String, String[]> byValue = new HashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != columns) {
                throw new IllegalArgumentException("hierarchy row " + (r + 1) + " has " + row.size()
                        + " columns, the first has " + columns);
            }
            if (byValue.put(row.get(0), row.toArray(String[]::new)) != null) {
                throw new IllegalArgumentException("hierarchy row " + (r + 1) + " repeats a value");
            }
        }
        for (int level = 1; level < columns - 1; level++) {
            Map<String, String> parent = new HashMap<>();
            for (String[] row : byValue.values()) {
                String previous = parent.putIfAbsent(row[level], row[level + 1]);
                if (previous != null && !previous.equals(row[level + 1])) {
                    throw new IllegalArgumentException("hierarchy level " + (level + 1) + " splits values that level "
                            + level + " groups together");
                }
            }
        }
        return new Levels(columns, (value, level) -> {
            String[] row = byValue.get(value);
            return row == null ? null : row[level];
        });
    }

    /** The default hierarchy for a data type, used when an assessment names no table for a field. */
    public static Hierarchy defaultFor(DataType type) {
        return switch (type) {
            case DATE, DATETIME -> dates();
            case POSTCODE -> postcodes();
            case INTEGER -> bands(5, 10, 20);
            default -> suppressionOnly();
        };
    }

    @FunctionalInterface
    private interface LevelFunction {
        String at(String value, int level);
    }

    /** Level 0 and the top are the same for every hierarchy; only the levels between differ. */
    private record Levels(int height, LevelFunction between) implements Hierarchy {

        @Override
        public String generalise(String value, int level) {
            if (level < 0 || level > height) {
                throw new IllegalArgumentException("level " + level + " is outside 0.." + height);
            }
            if (value == null) {
                return null;
            }
            if (level == 0) {
                return value;
            }
            if (level == height) {
                return SUPPRESSED;
            }
            return between.at(value, level);
        }
    }
}
