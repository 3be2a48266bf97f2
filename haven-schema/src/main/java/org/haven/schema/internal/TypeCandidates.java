package org.haven.schema.internal;

import java.util.Arrays;
import java.util.List;

import org.haven.schema.DataType;

/**
 * The data types a column can still have after seeing some of its values. Candidates are kept from the most
 * specific to the least: NHS_NUMBER comes before INTEGER because every NHS number is also a ten-digit integer, and
 * INTEGER before DECIMAL because every integer is a decimal. CODE is never proposed: a code list needs a person.
 */
public final class TypeCandidates {

    private static final List<DataType> MOST_SPECIFIC_FIRST = List.of(DataType.NHS_NUMBER, DataType.BOOLEAN,
            DataType.INTEGER, DataType.DECIMAL, DataType.DATE, DataType.DATETIME, DataType.POSTCODE, DataType.EMAIL);

    private final boolean[] alive = new boolean[MOST_SPECIFIC_FIRST.size()];
    private int values;
    private int empty;

    public TypeCandidates() {
        Arrays.fill(alive, true);
    }

    public void observe(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            empty++;
            return;
        }
        values++;
        for (int i = 0; i < alive.length; i++) {
            if (alive[i] && TypedValues.parse(MOST_SPECIFIC_FIRST.get(i), text) == null) {
                alive[i] = false;
            }
        }
    }

    /** The most specific type every non-empty value had; STRING when none fits or there were no values. */
    public DataType best() {
        if (values == 0) {
            return DataType.STRING;
        }
        for (int i = 0; i < alive.length; i++) {
            if (alive[i]) {
                return MOST_SPECIFIC_FIRST.get(i);
            }
        }
        return DataType.STRING;
    }

    public int nonEmptyCount() {
        return values;
    }

    public int emptyCount() {
        return empty;
    }
}
