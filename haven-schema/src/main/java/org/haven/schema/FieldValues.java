package org.haven.schema;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * One record's values keyed by field name, in the order of a fixed list of names: an immutable map backed by an
 * array. An ingest makes one per record, millions of them, and a hash map per record (its nodes, its hashing, the
 * iteration through an unmodifiable view) cost a tenth of the work; a consumer that knows the names reads the values
 * by position instead, with {@link #valueAt(int)}. A name is either absent (not a key) or present, possibly with a
 * null value.
 */
public final class FieldValues extends AbstractMap<String, Object> {

    private static final Object ABSENT = new Object();

    private final Names names;
    private final Object[] values;
    private final int size;

    private FieldValues(Names names, Object[] values, int size) {
        this.names = names;
        this.values = values;
        this.size = size;
    }

    /** A record to fill, every name absent until set. */
    public static Builder builder(Names names) {
        return new Builder(Objects.requireNonNull(names, "names"));
    }

    public Names names() {
        return names;
    }

    /** The value of the name at {@code position}: null when it is absent or present with a null value. */
    public Object valueAt(int position) {
        Object value = values[position];
        return value == ABSENT ? null : value;
    }

    @Override
    public Object get(Object key) {
        int position = names.positionOf(key);
        return position < 0 ? null : valueAt(position);
    }

    @Override
    public boolean containsKey(Object key) {
        int position = names.positionOf(key);
        return position >= 0 && values[position] != ABSENT;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next = presentFrom(0);

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> entry = new SimpleImmutableEntry<>(names.get(next), values[next]);
                        next = presentFrom(next + 1);
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private int presentFrom(int position) {
        int at = position;
        while (at < values.length && values[at] == ABSENT) {
            at++;
        }
        return at;
    }

    /** Fills one record; {@link #build()} hands the values over, after which the builder is not to be used. */
    public static final class Builder {

        private final Names names;
        private Object[] values;
        private int size;

        private Builder(Names names) {
            this.names = names;
            this.values = new Object[names.size()];
            Arrays.fill(values, ABSENT);
        }

        /** Makes the name at {@code position} present with {@code value}, which may be null. */
        public Builder set(int position, Object value) {
            if (values[position] == ABSENT) {
                size++;
            }
            values[position] = value;
            return this;
        }

        public FieldValues build() {
            FieldValues built = new FieldValues(names, values, size);
            values = null;
            return built;
        }
    }

    /** The names of one shape of record and their positions; make one per schema and share it. */
    public static final class Names {

        private final String[] names;
        private final Map<String, Integer> positions;

        private Names(String[] names, Map<String, Integer> positions) {
            this.names = names;
            this.positions = positions;
        }

        /**
         * @throws IllegalArgumentException when a name repeats
         */
        public static Names of(List<String> names) {
            String[] copy = names.toArray(String[]::new);
            Map<String, Integer> positions = new HashMap<>(copy.length * 2);
            for (int i = 0; i < copy.length; i++) {
                if (positions.put(Objects.requireNonNull(copy[i], "name"), i) != null) {
                    throw new IllegalArgumentException("the name " + copy[i] + " appears twice");
                }
            }
            return new Names(copy, positions);
        }

        public int size() {
            return names.length;
        }

        public String get(int position) {
            return names[position];
        }

        /** The position of a name, or -1. */
        public int positionOf(Object name) {
            Integer position = positions.get(name);
            return position == null ? -1 : position;
        }

        /** Whether these are the given names in the given order. */
        public boolean matches(List<String> expected) {
            if (expected.size() != names.length) {
                return false;
            }
            for (int i = 0; i < names.length; i++) {
                if (!names[i].equals(expected.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
