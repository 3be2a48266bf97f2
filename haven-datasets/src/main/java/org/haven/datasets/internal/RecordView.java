package org.haven.datasets.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.haven.formats.Record;

/**
 * A record as a read-only map from column name to value, in column order, without copying it into a hash map:
 * the validator only walks the entries, and building a {@code LinkedHashMap} per record was a measurable share of
 * ingest time. Lookups by key are linear, which is fine for a view that is only iterated.
 */
public final class RecordView extends AbstractMap<String, String> {

    private final Record record;

    public RecordView(Record record) {
        this.record = record;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < record.size();
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= record.size()) {
                            throw new NoSuchElementException();
                        }
                        int index = next++;
                        return new SimpleImmutableEntry<>(record.columns().name(index), record.get(index));
                    }
                };
            }

            @Override
            public int size() {
                return record.size();
            }
        };
    }

    @Override
    public int size() {
        return record.size();
    }
}
