package org.haven.server.query.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.haven.schema.Constraints;
import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.FieldResult;
import org.haven.schema.FieldValidator;
import org.haven.schema.IdentifierType;
import org.haven.schema.Schema;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.query.internal.AggregateQuery.Filter;
import org.haven.server.query.internal.AggregateQuery.Measure;
import org.haven.server.sharing.ResultType;
import tools.jackson.databind.JsonNode;

/**
 * Checks an aggregate request against the version's schema and the caller's result type, and types its values. Every
 * problem is reported at once, each under the JSON path it concerns ({@code filters[1].value}), and nothing runs for a
 * request with any. Callers who may not read identifiable data may not group by, filter on or read the values of a
 * DIRECT field: each would single people out by the identifier itself. They may count its distinct values.
 */
final class AggregateQueryParser {

    static final int MAX_GROUP_FIELDS = 3;
    static final int MAX_FILTERS = 10;
    static final int MAX_MEASURES = 10;
    static final int MAX_LIST_VALUES = 100;

    private static final Set<String> REQUEST_PROPERTIES = Set.of("group_by", "filters", "measures");
    private static final Set<String> FILTER_PROPERTIES = Set.of("field", "op", "value");
    private static final Set<String> MEASURE_PROPERTIES = Set.of("op", "field");

    private final Schema schema;
    private final boolean aggregateOnly;
    private final List<Map<String, String>> errors = new ArrayList<>();

    private AggregateQueryParser(Schema schema, ResultType resultType) {
        this.schema = schema;
        this.aggregateOnly = resultType != ResultType.IDENTIFIABLE;
    }

    /** @throws HavenException VALIDATION_FAILED with {@code errors}, each a {@code field} and a {@code message} */
    static AggregateQuery parse(JsonNode body, Schema schema, ResultType resultType) {
        return new AggregateQueryParser(schema, resultType).parse(body);
    }

    private AggregateQuery parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            error("body", "must be a JSON object with group_by, filters and measures");
            throw refused();
        }
        unknownProperties(body, "", REQUEST_PROPERTIES);
        List<Field> groupBy = groupBy(list(body, "group_by", MAX_GROUP_FIELDS));
        List<Filter> filters = new ArrayList<>();
        List<JsonNode> filterNodes = list(body, "filters", MAX_FILTERS);
        for (int i = 0; i < filterNodes.size(); i++) {
            Filter filter = filter(filterNodes.get(i), "filters[" + i + "]");
            if (filter != null) {
                filters.add(filter);
            }
        }
        List<Measure> measures = measures(list(body, "measures", MAX_MEASURES));
        if (!errors.isEmpty()) {
            throw refused();
        }
        return new AggregateQuery(groupBy, filters, measures);
    }

    private List<Field> groupBy(List<JsonNode> names) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String path = "group_by[" + i + "]";
            Field field = field(names.get(i), path);
            if (field == null) {
                continue;
            }
            if (fields.contains(field)) {
                error(path, field.name() + " is named twice");
            } else if (direct(field)) {
                error(path, field.name() + " is a DIRECT identifier: aggregates cannot be grouped by it");
            } else {
                fields.add(field);
            }
        }
        return fields;
    }

    private Filter filter(JsonNode node, String path) {
        if (!node.isObject()) {
            error(path, "must be an object with field, op and (except for is_null and not_null) value");
            return null;
        }
        unknownProperties(node, path + ".", FILTER_PROPERTIES);
        Field field = field(node.path("field"), path + ".field");
        FilterOp op = FilterOp.parse(node.path("op").isString() ? node.path("op").asString() : null);
        if (op == null) {
            error(path + ".op", "must be one of eq, ne, lt, le, gt, ge, in, is_null, not_null");
        }
        if (field == null || op == null) {
            return null;
        }
        if (direct(field)) {
            error(path + ".field", field.name() + " is a DIRECT identifier: aggregates cannot be filtered on it");
            return null;
        }
        if (op.orders() && !field.dataType().isOrdered()) {
            error(path + ".op", op.wireName() + " compares numbers, dates and date-times; " + field.name() + " is "
                    + field.dataType());
            return null;
        }
        List<Object> values = values(field, op, node.path("value"), path + ".value");
        return values == null ? null : new Filter(field, op, values);
    }

    /** The typed values of a filter, or null (with an error) when they are not what the op and field need. */
    private List<Object> values(Field field, FilterOp op, JsonNode value, String path) {
        boolean absent = value.isMissingNode() || value.isNull();
        if (!op.takesValue()) {
            if (!absent) {
                error(path, op.wireName() + " takes no value");
                return null;
            }
            return List.of();
        }
        if (op.takesList()) {
            if (!value.isArray() || value.isEmpty() || value.size() > MAX_LIST_VALUES) {
                error(path, "in takes an array of 1 to " + MAX_LIST_VALUES + " values");
                return null;
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                Object typed = typed(field, value.get(i), path + "[" + i + "]");
                if (typed == null) {
                    return null;
                }
                values.add(typed);
            }
            return values;
        }
        if (absent) {
            error(path, op.wireName() + " needs a value; is_null and not_null test for a missing one");
            return null;
        }
        Object typed = typed(field, value, path);
        return typed == null ? null : List.of(typed);
    }

    /**
     * A JSON value as the field's typed value: its text (a string, a number or a boolean) checked as the field's data
     * type and, for a CODE field, against its code list. The field's other constraints do not apply: a filter may
     * well ask for values outside the range that records may hold.
     */
    private Object typed(Field field, JsonNode value, String path) {
        String text = value.isString() ? value.asString()
                : value.isIntegralNumber() ? value.bigIntegerValue().toString()
                : value.isNumber() ? value.decimalValue().toPlainString()
                : value.isBoolean() ? Boolean.toString(value.booleanValue())
                : null;
        FieldResult result = text == null ? null : FieldValidator.of(new Field(field.name(), field.dataType(),
                field.identifierType(), false, "", Constraints.NONE, field.codeList())).check(text);
        if (result == null || !result.isValid() || result.value() == null) {
            error(path, "must be " + describe(field));
            return null;
        }
        return result.value();
    }

    private List<Measure> measures(List<JsonNode> nodes) {
        if (nodes.isEmpty()) {
            return List.of(new Measure(MeasureOp.COUNT, null));
        }
        List<Measure> measures = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = "measures[" + i + "]";
            Measure measure = measure(nodes.get(i), path);
            if (measure != null && !names.add(measure.name())) {
                error(path, measure.name() + " is asked for twice");
            } else if (measure != null) {
                measures.add(measure);
            }
        }
        return measures;
    }

    private Measure measure(JsonNode node, String path) {
        if (!node.isObject()) {
            error(path, "must be an object with op and (except for count) field");
            return null;
        }
        unknownProperties(node, path + ".", MEASURE_PROPERTIES);
        MeasureOp op = MeasureOp.parse(node.path("op").isString() ? node.path("op").asString() : null);
        if (op == null) {
            error(path + ".op", "must be one of count, count_distinct, sum, mean, min, max");
            return null;
        }
        JsonNode fieldNode = node.path("field");
        if (!op.takesField()) {
            if (!fieldNode.isMissingNode() && !fieldNode.isNull()) {
                error(path + ".field", "count counts records and takes no field; count_distinct counts a field's values");
                return null;
            }
            return new Measure(op, null);
        }
        Field field = field(fieldNode, path + ".field");
        if (field == null) {
            return null;
        }
        if (op.readsValues() && field.dataType() != DataType.INTEGER && field.dataType() != DataType.DECIMAL) {
            error(path + ".field", op.wireName() + " needs an INTEGER or DECIMAL field; " + field.name() + " is "
                    + field.dataType());
            return null;
        }
        if (op.readsValues() && direct(field)) {
            error(path + ".field", field.name() + " is a DIRECT identifier: aggregates may count its distinct values "
                    + "but not compute its " + op.wireName());
            return null;
        }
        return new Measure(op, field);
    }

    /** The schema's field a JSON string names (ignoring case), or null with an error. */
    private Field field(JsonNode name, String path) {
        if (!name.isString() || name.asString().isBlank()) {
            error(path, "must name a field of the version's schema");
            return null;
        }
        Field field = schema.field(name.asString()).orElse(null);
        if (field == null) {
            error(path, "the version has no field '" + shortened(name.asString()) + "'");
        }
        return field;
    }

    /** The elements of an optional array property, or none (with an error) when it is not an array or too long. */
    private List<JsonNode> list(JsonNode body, String name, int max) {
        JsonNode node = body.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            error(name, "must be an array");
            return List.of();
        }
        if (node.size() > max) {
            error(name, "at most " + max + " " + (max == MAX_GROUP_FIELDS ? "fields" : "entries") + ", not " + node.size());
            return List.of();
        }
        return List.copyOf(node.values());
    }

    private void unknownProperties(JsonNode node, String prefix, Set<String> known) {
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                error(prefix + shortened(name), "is not a property here; expected " + String.join(", ", known.stream()
                        .sorted().toList()));
            }
        }
    }

    private boolean direct(Field field) {
        return aggregateOnly && field.identifierType() == IdentifierType.DIRECT;
    }

    private static String describe(Field field) {
        return switch (field.dataType()) {
            case INTEGER -> "a whole number";
            case DECIMAL -> "a number";
            case BOOLEAN -> "true or false";
            case DATE -> "an ISO date, e.g. 2024-05-01";
            case DATETIME -> "an ISO date and time with an offset, e.g. 2024-05-01T09:30:00Z";
            case CODE -> field.codeList().size() <= 20
                    ? "one of the codes of " + field.name() + ": " + String.join(", ", field.codeList())
                    : "one of the codes of " + field.name();
            default -> "a valid " + field.dataType() + " value";
        };
    }

    /** Names from the request are echoed in errors, but never at any length. */
    private static String shortened(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    private void error(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        errors.add(error);
    }

    private HavenException refused() {
        return new HavenException(ErrorCode.VALIDATION_FAILED, "The aggregate request has " + errors.size()
                + " problem(s); see 'errors'", Map.of("errors", List.copyOf(errors)), null);
    }
}
