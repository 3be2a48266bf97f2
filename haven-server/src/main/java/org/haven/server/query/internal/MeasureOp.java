package org.haven.server.query.internal;

import java.util.Locale;

/** What an aggregate computes per group. */
enum MeasureOp {
    /** The group's records. */
    COUNT,
    /** The distinct non-null values of a field in the group. */
    COUNT_DISTINCT,
    SUM,
    MEAN,
    MIN,
    MAX;

    /** The op as a request names it, e.g. {@code count_distinct}. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean takesField() {
        return this != COUNT;
    }

    /** Ops whose result is a count, protected as one; the others are figures derived from a field's values. */
    boolean isCount() {
        return this == COUNT || this == COUNT_DISTINCT;
    }

    /** Ops that read a field's values, not only whether they differ: numbers only, and never a DIRECT field's. */
    boolean readsValues() {
        return this == SUM || this == MEAN || this == MIN || this == MAX;
    }

    /** The SQL aggregate over {@code column}, a quoted identifier (ignored by {@link #COUNT}). */
    String sql(String column) {
        return switch (this) {
            case COUNT -> "count(*)";
            case COUNT_DISTINCT -> "count(DISTINCT " + column + ")";
            case SUM -> "sum(" + column + ")";
            case MEAN -> "avg(" + column + ")";
            case MIN -> "min(" + column + ")";
            case MAX -> "max(" + column + ")";
        };
    }

    /** The op a request names, or null for any other text. */
    static MeasureOp parse(String text) {
        for (MeasureOp op : values()) {
            if (op.wireName().equals(text)) {
                return op;
            }
        }
        return null;
    }
}
