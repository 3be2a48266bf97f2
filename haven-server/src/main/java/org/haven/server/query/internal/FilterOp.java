package org.haven.server.query.internal;

import java.util.Locale;

/** A comparison an aggregate's filter makes between a field and the request's value(s). */
enum FilterOp {
    EQ("="),
    /** Records with another value; like SQL, not those with none. */
    NE("<>"),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    /** One of a list of values. */
    IN("IN"),
    IS_NULL("IS NULL"),
    NOT_NULL("IS NOT NULL");

    private final String sql;

    FilterOp(String sql) {
        this.sql = sql;
    }

    /** The op as a request names it, e.g. {@code ge}. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The SQL operator, placed after the column. */
    String sql() {
        return sql;
    }

    boolean takesValue() {
        return this != IS_NULL && this != NOT_NULL;
    }

    boolean takesList() {
        return this == IN;
    }

    /** Ops that order values, which make sense for numbers and times only. */
    boolean orders() {
        return this == LT || this == LE || this == GT || this == GE;
    }

    /** The op a request names, or null for any other text. */
    static FilterOp parse(String text) {
        for (FilterOp op : values()) {
            if (op.wireName().equals(text)) {
                return op;
            }
        }
        return null;
    }
}
