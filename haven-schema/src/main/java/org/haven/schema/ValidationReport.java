package org.haven.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.haven.schema.internal.ValueMask;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Totals of a validation run over a stream of records: rows, valid and invalid rows, error counts per field and kind,
 * and a few examples of each. Examples of DIRECT and INDIRECT fields, and of columns the schema does not know, are
 * masked as they are recorded ({@link #add}), so no raw identifying value is ever held by the report, let alone
 * written by {@link #toJson()}. Not thread-safe: one report per run.
 */
public final class ValidationReport {

    public static final int DEFAULT_EXAMPLES_PER_KIND = 5;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Schema schema;
    private final int examplesPerKind;
    private final Map<String, Map<ErrorKind, Tally>> errorsByField = new LinkedHashMap<>();
    private long rows;
    private long validRows;

    public ValidationReport(Schema schema) {
        this(schema, DEFAULT_EXAMPLES_PER_KIND);
    }

    public ValidationReport(Schema schema, int examplesPerKind) {
        if (examplesPerKind < 0) {
            throw new IllegalArgumentException("examplesPerKind cannot be negative");
        }
        this.schema = schema;
        this.examplesPerKind = examplesPerKind;
    }

    /** Counts one record's result; call in stream order so that row numbers mean something. */
    public void add(RecordResult result) {
        rows++;
        if (result.isValid()) {
            validRows++;
            return;
        }
        for (FieldError error : result.errors()) {
            Tally tally = errorsByField.computeIfAbsent(error.fieldName(), name -> new EnumMap<>(ErrorKind.class))
                    .computeIfAbsent(error.kind(), kind -> new Tally());
            tally.count++;
            if (tally.examples.size() < examplesPerKind) {
                tally.examples.add(example(error));
            }
        }
    }

    private ErrorExample example(FieldError error) {
        boolean identifying = error.kind() == ErrorKind.UNKNOWN_FIELD
                || schema.field(error.fieldName()).map(field -> field.identifierType().isIdentifying()).orElse(true);
        String value = identifying ? ValueMask.mask(error.rawValue()) : ValueMask.truncate(error.rawValue());
        return new ErrorExample(rows, value, identifying);
    }

    public long rowCount() {
        return rows;
    }

    public long validRowCount() {
        return validRows;
    }

    public long invalidRowCount() {
        return rows - validRows;
    }

    /** Error counts per field name (or unknown column name), then per kind; only non-zero counts appear. */
    public Map<String, Map<ErrorKind, Long>> errorCounts() {
        Map<String, Map<ErrorKind, Long>> counts = new LinkedHashMap<>();
        errorsByField.forEach((field, kinds) -> {
            Map<ErrorKind, Long> perKind = new EnumMap<>(ErrorKind.class);
            kinds.forEach((kind, tally) -> perKind.put(kind, tally.count));
            counts.put(field, Collections.unmodifiableMap(perKind));
        });
        return Collections.unmodifiableMap(counts);
    }

    public long errorCount(String fieldName, ErrorKind kind) {
        Tally tally = errorsByField.getOrDefault(fieldName, Map.of()).get(kind);
        return tally == null ? 0 : tally.count;
    }

    public List<ErrorExample> examples(String fieldName, ErrorKind kind) {
        Tally tally = errorsByField.getOrDefault(fieldName, Map.of()).get(kind);
        return tally == null ? List.of() : List.copyOf(tally.examples);
    }

    /**
     * The report as JSON: {@code {"rows":..,"valid_rows":..,"invalid_rows":..,"fields":{"name":{"identifier_type":..,
     * "errors":{"KIND":{"count":..,"examples":[{"row":..,"value":..,"masked":..}]}}}}}}.
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("rows", rows);
        root.put("valid_rows", validRows);
        root.put("invalid_rows", invalidRowCount());
        ObjectNode fields = root.putObject("fields");
        errorsByField.forEach((fieldName, kinds) -> {
            ObjectNode fieldNode = fields.putObject(fieldName);
            schema.field(fieldName)
                    .ifPresent(field -> fieldNode.put("identifier_type", field.identifierType().name()));
            ObjectNode errors = fieldNode.putObject("errors");
            kinds.forEach((kind, tally) -> {
                ObjectNode kindNode = errors.putObject(kind.name());
                kindNode.put("count", tally.count);
                var examples = kindNode.putArray("examples");
                for (ErrorExample example : tally.examples) {
                    examples.addObject().put("row", example.row()).put("value", example.value())
                            .put("masked", example.masked());
                }
            });
        });
        return JSON.writeValueAsString(root);
    }

    private static final class Tally {
        private long count;
        private final List<ErrorExample> examples = new ArrayList<>();
    }
}
