package org.haven.formats;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One record read from a file: a raw string value per column ({@code null} for a JSON {@code null} or a key the
 * record left out), the record's 1-based number and the line it starts on. Values are untyped text; checking them
 * against a schema happens elsewhere.
 *
 * <p>{@link #toString()} shows positions only: values are sensitive and must not reach logs by accident.
 */
public final class Record {

    private final Columns columns;
    private final String[] values;
    private final long number;
    private final long line;

    /**
     * @param values one per column, in column order; copied
     * @param number 1-based position of the record in the stream
     * @param line 1-based line the record starts on
     */
    public Record(Columns columns, List<String> values, long number, long line) {
        this(columns, values.toArray(new String[0]), number, line);
    }

    private Record(Columns columns, String[] values, long number, long line) {
        this.columns = Objects.requireNonNull(columns, "columns");
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(
                    "a record needs one value per column: " + columns.size() + " columns, " + values.length + " values");
        }
        if (number < 1 || line < 1) {
            throw new IllegalArgumentException("record number and line are 1-based");
        }
        this.values = values;
        this.number = number;
        this.line = line;
    }

    public Columns columns() {
        return columns;
    }

    /** The 1-based position of this record in its stream (the header row of a CSV file is not a record). */
    public long number() {
        return number;
    }

    /** The 1-based line this record starts on. */
    public long line() {
        return line;
    }

    public int size() {
        return values.length;
    }

    /** The value at a 0-based column position. */
    public String get(int index) {
        return values[index];
    }

    /**
     * The value of the named column.
     *
     * @throws IllegalArgumentException when the stream has no such column
     */
    public String get(String column) {
        int index = columns.indexOf(column)
                .orElseThrow(() -> new IllegalArgumentException("no such column in this stream"));
        return values[index];
    }

    /** The values in column order; may contain {@code null}. */
    public List<String> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** Column name to value, in column order; values may be {@code null}. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>(values.length * 2);
        for (int i = 0; i < values.length; i++) {
            map.put(columns.name(i), values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Record record
                && number == record.number
                && line == record.line
                && columns.equals(record.columns)
                && Arrays.equals(values, record.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, number, line, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "Record[number=" + number + ", line=" + line + ", values=" + values.length + "]";
    }
}
