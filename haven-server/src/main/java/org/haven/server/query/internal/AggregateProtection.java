package org.haven.server.query.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.haven.privacy.CellStatus;
import org.haven.privacy.CountTable;
import org.haven.privacy.DisclosureControl;
import org.haven.privacy.ProtectedTable;
import org.haven.privacy.SdcSettings;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.query.internal.AggregateQuery.Measure;
import org.haven.server.query.internal.AggregateResult.Cell;
import org.haven.server.query.internal.AggregateResult.Disclosure;
import org.haven.server.query.internal.AggregateResult.Note;
import org.haven.server.query.internal.AggregateResult.Row;
import org.haven.server.sharing.ResultType;

/**
 * Disclosure control of an aggregate, for callers who may not read the identifiable data. The group counts become a
 * count table: without group-by fields one cell; with one field a one-way table; with two a two-way table; with three,
 * rows for the combinations of the first two and columns for the third. Every cell of that table is a row of the
 * result, so a combination that no record has is there too, suppressed like any small count: leaving it out would
 * say that its count is zero. The table is suppressed, rounded and given secondary suppression by
 * {@link DisclosureControl}; each count_distinct measure forms a table of its own protected the same way, and is also
 * hidden wherever its group's count is. Sums, means, minima and maxima are shown only where the group's count is.
 */
final class AggregateProtection {

    /** Cells of the count table, zero cells included; past this the table says little and costs a lot. */
    static final int MAX_CELLS = 10_000;

    private static final Comparator<Object> VALUES = Comparator.nullsLast(AggregateProtection::compare);

    private final AggregateQuery query;
    private final DisclosureControl control;
    private final List<List<Object>> rowKeys;
    private final List<List<Object>> columnKeys;
    private final Map<List<Object>, AggregateGroup> groups = new HashMap<>();

    private AggregateProtection(AggregateQuery query, List<AggregateGroup> found, SdcSettings settings) {
        this.query = query;
        this.control = new DisclosureControl(settings);
        int fields = query.groupBy().size();
        // The row key holds every field but the last (the column); a one-way table has one row with an empty key.
        int split = fields <= 1 ? 0 : fields - 1;
        Set<List<Object>> rows = new LinkedHashSet<>();
        Set<List<Object>> columns = new LinkedHashSet<>();
        for (AggregateGroup group : found) {
            groups.put(group.key(), group);
            rows.add(group.key().subList(0, split));
            columns.add(group.key().subList(split, fields));
        }
        this.rowKeys = sorted(rows);
        this.columnKeys = sorted(columns);
    }

    static AggregateResult protect(AggregateQuery query, List<AggregateGroup> groups, SdcSettings settings) {
        return new AggregateProtection(query, groups, settings).protect(settings);
    }

    private AggregateResult protect(SdcSettings settings) {
        String rule = rule(settings);
        if (groups.isEmpty()) {
            return new AggregateResult(ResultType.AGGREGATE, query, List.of(),
                    new Disclosure(settings, rule, List.of()));
        }
        if ((long) rowKeys.size() * columnKeys.size() > MAX_CELLS) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, "The aggregate's table has more than " + MAX_CELLS
                    + " cells; group by fewer fields or filter the records", Map.of("errors", List.of(Map.of(
                            "field", "group_by", "message", "gives a table of more than " + MAX_CELLS + " cells"))),
                    null);
        }
        ProtectedTable counts = control.protect(table(group -> group.count()));
        Map<Integer, ProtectedTable> distinctCounts = new HashMap<>();
        for (int i = 0; i < query.measures().size(); i++) {
            if (query.measures().get(i).op() == MeasureOp.COUNT_DISTINCT) {
                int measure = i;
                distinctCounts.put(i, control.protect(table(group -> (Long) group.measures().get(measure))));
            }
        }
        List<Row> rows = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        for (int r = 0; r < rowKeys.size(); r++) {
            for (int c = 0; c < columnKeys.size(); c++) {
                List<Object> key = key(r, c);
                Map<String, List<String>> hiddenByReason = new LinkedHashMap<>();
                List<Cell> cells = new ArrayList<>();
                for (int i = 0; i < query.measures().size(); i++) {
                    Cell cell = cell(i, r, c, groups.get(key), counts, distinctCounts.get(i));
                    cells.add(cell);
                    if (cell.suppressed()) {
                        String reason = reason(i, r, c, counts, distinctCounts.get(i), settings);
                        hiddenByReason.computeIfAbsent(reason, any -> new ArrayList<>()).add(measureName(i));
                    }
                }
                rows.add(new Row(key, cells));
                hiddenByReason.forEach((reason, measures) -> notes.add(new Note(key, measures, reason)));
            }
        }
        return new AggregateResult(ResultType.AGGREGATE, query, rows, new Disclosure(settings, rule, notes));
    }

    private Cell cell(int measure, int r, int c, AggregateGroup group, ProtectedTable counts,
            ProtectedTable distinctCounts) {
        if (counts.status(r, c).isSuppressed()) {
            return Cell.hidden();
        }
        MeasureOp op = query.measures().get(measure).op();
        if (op == MeasureOp.COUNT) {
            return Cell.shown(counts.value(r, c));
        }
        if (op == MeasureOp.COUNT_DISTINCT) {
            return distinctCounts.status(r, c).isSuppressed() ? Cell.hidden() : Cell.shown(distinctCounts.value(r, c));
        }
        Object exact = group == null ? null : group.measures().get(measure);
        // A figure of a group whose count is shown: protectFigure is the rule that says so, and would hide it if not.
        boolean shown = exact != null && counts.protectFigure(r, c, ((Number) exact).doubleValue()) != null;
        return Cell.shown(shown ? exact : null);
    }

    private static String reason(int measure, int r, int c, ProtectedTable counts, ProtectedTable distinctCounts,
            SdcSettings settings) {
        if (counts.status(r, c).isSuppressed()) {
            return counts.status(r, c) == CellStatus.PRIMARY_SUPPRESSED
                    ? "the group has " + settings.threshold() + " or fewer records"
                    : "the group's count is hidden so that another hidden count cannot be worked out from the totals";
        }
        return distinctCounts.status(r, c) == CellStatus.PRIMARY_SUPPRESSED
                ? settings.threshold() + " or fewer distinct values"
                : "hidden so that another hidden distinct count cannot be worked out from the totals";
    }

    private String measureName(int measure) {
        return query.measures().get(measure).name();
    }

    private CountTable table(ToLongFunction<AggregateGroup> count) {
        long[][] counts = new long[rowKeys.size()][columnKeys.size()];
        for (int r = 0; r < rowKeys.size(); r++) {
            for (int c = 0; c < columnKeys.size(); c++) {
                AggregateGroup group = groups.get(key(r, c));
                counts[r][c] = group == null ? 0 : count.applyAsLong(group);
            }
        }
        return CountTable.of(rowKeys.stream().map(Object::toString).toList(),
                columnKeys.stream().map(Object::toString).toList(), counts);
    }

    private List<Object> key(int r, int c) {
        List<Object> key = new ArrayList<>(rowKeys.get(r));
        key.addAll(columnKeys.get(c));
        return Collections.unmodifiableList(key);
    }

    private static String rule(SdcSettings settings) {
        return "Counts of " + settings.threshold() + " or fewer are suppressed and the others rounded to the nearest "
                + settings.roundingBase() + "; further counts are hidden where a hidden one could otherwise be worked "
                + "out from the totals; sums, means, minima and maxima are shown only where their group's count is.";
    }

    private static List<List<Object>> sorted(Set<List<Object>> keys) {
        List<List<Object>> sorted = new ArrayList<>(keys);
        sorted.sort((left, right) -> {
            for (int i = 0; i < left.size(); i++) {
                int order = VALUES.compare(left.get(i), right.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        });
        return sorted;
    }

    /** Values of one field share one Java type, so their natural order applies. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object left, Object right) {
        return ((Comparable) left).compareTo(right);
    }
}
