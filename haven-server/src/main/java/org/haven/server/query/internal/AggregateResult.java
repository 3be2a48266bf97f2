package org.haven.server.query.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.haven.privacy.SdcSettings;
import org.haven.server.query.internal.AggregateQuery.Measure;
import org.haven.server.sharing.ResultType;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an aggregate returns: a row per group with one cell per measure, and what disclosure control did. Written as
 * JSON by hand, so that a suppressed value is an explicit {@code null} beside its {@code suppressed} marker rather
 * than a member left out.
 *
 * @param disclosure null for exact results
 */
record AggregateResult(ResultType resultType, AggregateQuery query, List<Row> rows, Disclosure disclosure) {

    AggregateResult {
        rows = List.copyOf(rows);
    }

    /** @param group the group's values, one per group-by field (a value may be null) */
    record Row(List<Object> group, List<Cell> cells) {}

    /** @param value null when suppressed, or when the group has nothing to compute it from */
    record Cell(Object value, boolean suppressed) {

        static Cell shown(Object value) {
            return new Cell(value, false);
        }

        static Cell hidden() {
            return new Cell(null, true);
        }
    }

    /** @param rule one sentence stating the rule, the same for every result */
    record Disclosure(SdcSettings settings, String rule, List<Note> notes) {

        Disclosure {
            notes = List.copyOf(notes);
        }
    }

    /** Why some measures of one group are hidden; never the hidden figures. */
    record Note(List<Object> group, List<String> measures, String reason) {

        Note {
            measures = List.copyOf(measures);
        }
    }

    /** Exact results, for callers who may read the identifiable data anyway. */
    static AggregateResult exact(ResultType resultType, AggregateQuery query, List<AggregateGroup> groups) {
        List<Row> rows = new ArrayList<>();
        for (AggregateGroup group : groups) {
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i < query.measures().size(); i++) {
                cells.add(Cell.shown(query.measures().get(i).op() == MeasureOp.COUNT ? (Object) group.count()
                        : group.measures().get(i)));
            }
            rows.add(new Row(group.key(), cells));
        }
        return new AggregateResult(resultType, query, rows, null);
    }

    int cellsSuppressed() {
        return (int) rows.stream().flatMap(row -> row.cells().stream()).filter(Cell::suppressed).count();
    }

    ObjectNode toJson(UUID datasetId, int version) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode json = nodes.objectNode();
        json.put("dataset_id", datasetId.toString());
        json.put("version", version);
        json.put("result_type", resultType.name());
        query.groupByNames().forEach(json.putArray("group_by")::add);
        var measures = json.putArray("measures");
        for (Measure measure : query.measures()) {
            ObjectNode described = measures.addObject().put("name", measure.name()).put("op", measure.op().wireName());
            if (measure.field() != null) {
                described.put("field", measure.field().name());
            }
        }
        var rowsJson = json.putArray("rows");
        for (Row row : rows) {
            ObjectNode rowJson = rowsJson.addObject();
            rowJson.set("group", group(row.group()));
            ObjectNode cells = rowJson.putObject("measures");
            for (int i = 0; i < row.cells().size(); i++) {
                Cell cell = row.cells().get(i);
                ObjectNode cellJson = cells.putObject(query.measures().get(i).name());
                putValue(cellJson, "value", cell.value());
                cellJson.put("suppressed", cell.suppressed());
            }
        }
        json.set("disclosure_control", disclosureJson());
        return json;
    }

    private ObjectNode disclosureJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("applied", disclosure != null);
        if (disclosure == null) {
            json.put("rule", "Exact results: you may read this version's identifiable data.");
            return json;
        }
        json.put("threshold", disclosure.settings().threshold());
        json.put("rounding_base", disclosure.settings().roundingBase());
        json.put("rule", disclosure.rule());
        json.put("cells_suppressed", cellsSuppressed());
        var notes = json.putArray("notes");
        for (Note note : disclosure.notes()) {
            ObjectNode noteJson = notes.addObject();
            noteJson.set("group", group(note.group()));
            note.measures().forEach(noteJson.putArray("measures")::add);
            noteJson.put("reason", note.reason());
        }
        return json;
    }

    private ObjectNode group(List<Object> values) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < values.size(); i++) {
            putValue(json, query.groupBy().get(i).name(), values.get(i));
        }
        return json;
    }

    /** Numbers as JSON numbers (decimals exact), dates and date-times as ISO text, null as null. */
    private static void putValue(ObjectNode json, String name, Object value) {
        if (value == null) {
            json.putNull(name);
        } else if (value instanceof Long number) {
            json.put(name, number);
        } else if (value instanceof Double number) {
            json.put(name, number);
        } else if (value instanceof BigDecimal number) {
            json.put(name, number);
        } else if (value instanceof BigInteger number) {
            json.put(name, number);
        } else if (value instanceof Boolean flag) {
            json.put(name, flag);
        } else if (value instanceof OffsetDateTime dateTime) {
            json.put(name, dateTime.toInstant().toString());
        } else {
            // Text, and dates, whose ISO form is their toString()
            json.put(name, value.toString());
        }
    }
}
