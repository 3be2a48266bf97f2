package org.haven.datasets.internal;

import java.util.Locale;

/**
 * SQL that renders a DuckDB column as the text Haven's readers produce and its validator accepts: ISO dates, ISO
 * date-times with {@code T} (and {@code Z} for instants, which are UTC in every session), plain decimals,
 * {@code true}/{@code false}, nested values as compact JSON and binary as base64.
 */
public final class TextRendering {

    private TextRendering() {
    }

    /** An expression giving the column's value as VARCHAR (null stays null). */
    public static String asText(String column, String duckDbType) {
        String quoted = Sql.identifier(column);
        String type = duckDbType.toUpperCase(Locale.ROOT);
        if (type.equals("TIMESTAMP WITH TIME ZONE") || type.equals("TIMESTAMPTZ")) {
            return "strftime(" + quoted + ", '%Y-%m-%dT%H:%M:%S.%fZ')";
        }
        if (type.startsWith("TIMESTAMP")) {
            return "strftime(CAST(" + quoted + " AS TIMESTAMP), '%Y-%m-%dT%H:%M:%S.%f')";
        }
        if (type.equals("BLOB")) {
            return "base64(" + quoted + ")";
        }
        if (isNested(type)) {
            return "CAST(to_json(" + quoted + ") AS VARCHAR)";
        }
        return "CAST(" + quoted + " AS VARCHAR)";
    }

    /** Whether values of this column type need rendering beyond a plain cast in CSV and JSON exports. */
    public static boolean isInstant(String duckDbType) {
        String type = duckDbType.toUpperCase(Locale.ROOT);
        return type.equals("TIMESTAMP WITH TIME ZONE") || type.equals("TIMESTAMPTZ");
    }

    private static boolean isNested(String type) {
        return type.startsWith("STRUCT") || type.startsWith("MAP") || type.startsWith("UNION") || type.endsWith("]");
    }
}
