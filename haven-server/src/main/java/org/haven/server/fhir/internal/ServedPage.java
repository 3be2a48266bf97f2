package org.haven.server.fhir.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One page of a listing: the shaped items, and the cursor of the next page when there is one. A listing reads one
 * row more than the page holds, so that it knows without a count whether another page follows.
 */
record ServedPage(List<Map<String, Object>> items, String nextCursor) {

    /**
     * @param rows up to {@code pageSize + 1} rows in listing order
     * @param cursorAfter the cursor that continues after the given row
     */
    static ServedPage of(List<ServedRow> rows, int pageSize, Function<ServedRow, String> cursorAfter, RecordShape shape) {
        List<ServedRow> shown = rows.size() > pageSize ? rows.subList(0, pageSize) : rows;
        String next = rows.size() > pageSize ? cursorAfter.apply(shown.get(shown.size() - 1)) : null;
        return new ServedPage(shown.stream().map(row -> item(row, shape)).toList(), next);
    }

    /** A record as an answer holds it, with when its row last changed. */
    static Map<String, Object> item(ServedRow row, RecordShape shape) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("updated_at", RecordShape.text(row.updatedAt()));
        item.put("record", shape.apply(row.record()));
        return item;
    }

    void writeTo(Map<String, Object> body) {
        body.put("items", items);
        body.put("next_cursor", nextCursor);
    }
}
