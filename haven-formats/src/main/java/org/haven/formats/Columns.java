package org.haven.formats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The ordered column names of a stream of records. Shared by every record of one reader, so looking a value up by
 * name costs one hash lookup and no per-record copy of the names.
 */
public final class Columns {

    private static final Columns NONE = new Columns(List.of());

    private final List<String> names;
    private final Map<String, Integer> indexByName;

    private Columns(List<String> names) {
        this.names = List.copyOf(names);
        this.indexByName = new HashMap<>(this.names.size() * 2);
        for (int i = 0; i < this.names.size(); i++) {
            if (indexByName.putIfAbsent(this.names.get(i), i) != null) {
                throw new IllegalArgumentException("column names must be unique; position " + (i + 1) + " repeats one");
            }
        }
    }

    /** Columns with the given unique names, in order. */
    public static Columns of(List<String> names) {
        Objects.requireNonNull(names, "names");
        return names.isEmpty() ? NONE : new Columns(names);
    }

    /** No columns: what an empty JSON array or NDJSON stream has. */
    public static Columns none() {
        return NONE;
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    public String name(int index) {
        return names.get(index);
    }

    /** The 0-based position of a column, empty when there is no column of that name. */
    public OptionalInt indexOf(String name) {
        Integer index = indexByName.get(name);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Columns columns && names.equals(columns.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return "Columns" + names;
    }
}
