package org.haven.server.pipeline.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One row of PostgreSQL's COPY CSV format. Every value is quoted (inner quotes doubled), so commas, quotes and line
 * breaks in names and addresses stay inside their value; an absent value is an unquoted empty field, which COPY
 * reads as NULL (a quoted empty one stays an empty string).
 */
final class CopyCsv {

    private CopyCsv() {}

    static String line(List<String> columns, Map<String, Object> record, byte[] contentHash, long stagedRow) {
        return row(columns, record, contentHash) + ',' + stagedRow + '\n';
    }

    /**
     * The record's columns and its content hash, without the staged row number and line end: what can be made on any
     * thread before the rows are numbered in order.
     */
    static String row(List<String> columns, Map<String, Object> record, byte[] contentHash) {
        StringBuilder line = new StringBuilder(256);
        for (String column : columns) {
            Object value = record.get(column);
            if (value != null) {
                quoted(line, text(value));
            }
            line.append(',');
        }
        // bytea's hex input form; backslash is not special in CSV.
        quoted(line, "\\x" + HexFormat.of().formatHex(contentHash));
        return line.toString();
    }

    /** The value as PostgreSQL parses it for the column's type: plain decimals, ISO dates and offset date-times. */
    static String text(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof OffsetDateTime dateTime) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime);
        }
        return value.toString();
    }

    private static void quoted(StringBuilder line, String value) {
        line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
