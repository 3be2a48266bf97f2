package org.haven.schema.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.haven.schema.Constraints;
import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.schema.Schema;
import org.haven.schema.SchemaException;
import org.haven.schema.SchemaException.Problem;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the schema JSON document. Unknown properties are refused rather than ignored, because a misspelt
 * {@code "requried": true} or {@code "identifer_type"} would otherwise be lost without a word; duplicate keys are
 * refused because two {@code identifier_type}s leave a reader to guess which one counts. Every error names its JSON
 * path, such as {@code $.fields[2].constraints.pattern}.
 */
public final class SchemaJsonReader {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Set<String> SCHEMA_PROPERTIES = Set.of("fields");
    private static final Set<String> FIELD_PROPERTIES = Set.of("name", "data_type", "identifier_type", "required",
            "description", "constraints", "code_list");
    private static final Set<String> CONSTRAINT_PROPERTIES = Set.of("pattern", "minimum", "maximum", "min_length",
            "max_length", "allowed_values");

    private SchemaJsonReader() {
    }

    public static Schema read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            var location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column "
                    + location.getColumnNr();
            throw new SchemaException(Problem.INVALID_JSON, null, "$", "not valid JSON" + where);
        }
        return read(root);
    }

    public static Schema read(JsonNode root) {
        List<SchemaException> problems = new ArrayList<>();
        Schema schema = read(root, problems);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        return schema;
    }

    /**
     * Every problem of the document: one per field at most (the first found in it), plus one per duplicate name, so
     * a person fixing a schema sees all of them at once. A document that is not shaped like a schema at all (not an
     * object, no field array) has that one problem. Empty when the document is a valid schema.
     */
    public static List<SchemaException> problems(JsonNode root) {
        List<SchemaException> problems = new ArrayList<>();
        read(root, problems);
        return List.copyOf(problems);
    }

    /** The schema, or null with {@code problems} filled in. */
    private static Schema read(JsonNode root, List<SchemaException> problems) {
        JsonNode fieldsNode;
        try {
            requireObject(root, "$", SCHEMA_PROPERTIES);
            fieldsNode = required(root, "fields", "$");
            if (!fieldsNode.isArray()) {
                throw wrongType("$.fields", "an array");
            }
        } catch (SchemaException e) {
            problems.add(e);
            return null;
        }
        List<Field> fields = new ArrayList<>();
        Map<String, Integer> firstIndexByKey = new HashMap<>();
        for (int i = 0; i < fieldsNode.size(); i++) {
            String path = "$.fields[" + i + "]";
            Field field;
            try {
                field = field(fieldsNode.get(i), path);
            } catch (SchemaException e) {
                problems.add(e);
                continue;
            }
            Integer earlier = firstIndexByKey.putIfAbsent(FieldNames.key(field.name()), i);
            if (earlier != null) {
                problems.add(new SchemaException(Problem.DUPLICATE_FIELD, field.name(), path + ".name",
                        "the same name, ignoring case, as $.fields[" + earlier + "]"));
                continue;
            }
            fields.add(field);
        }
        if (fieldsNode.isEmpty()) {
            problems.add(new SchemaException(Problem.NO_FIELDS, null, "$.fields", "a schema has at least one field"));
        }
        return problems.isEmpty() ? new Schema(fields) : null;
    }

    private static Field field(JsonNode node, String path) {
        requireObject(node, path, FIELD_PROPERTIES);
        String name = text(required(node, "name", path), path + ".name");
        DataType dataType = dataType(required(node, "data_type", path), path + ".data_type");
        IdentifierType identifierType = identifierType(required(node, "identifier_type", path),
                path + ".identifier_type");
        boolean required = node.has("required") && bool(node.get("required"), path + ".required");
        String description = node.has("description") ? text(node.get("description"), path + ".description") : "";
        Constraints constraints = node.has("constraints")
                ? constraints(node.get("constraints"), path + ".constraints")
                : Constraints.NONE;
        List<String> codeList = node.has("code_list") ? texts(node.get("code_list"), path + ".code_list") : List.of();
        try {
            return new Field(name, dataType, identifierType, required, description, constraints, codeList);
        } catch (SchemaException e) {
            throw locate(e, path + detailPath(e.problem()));
        }
    }

    private static String detailPath(Problem problem) {
        return switch (problem) {
            case INVALID_FIELD_NAME -> ".name";
            case MISSING_CODE_LIST, INVALID_CODE_LIST -> ".code_list";
            case INVALID_RANGE -> ".constraints";
            case INVALID_ALLOWED_VALUE -> ".constraints.allowed_values";
            default -> "";
        };
    }

    /** Gives a model error its JSON path; an error that already has one, from reading a nested part, keeps it. */
    private static SchemaException locate(SchemaException e, String path) {
        return e.jsonPath().isPresent() ? e : e.at(path);
    }

    private static Constraints constraints(JsonNode node, String path) {
        requireObject(node, path, CONSTRAINT_PROPERTIES);
        String pattern = node.has("pattern") ? text(node.get("pattern"), path + ".pattern") : null;
        try {
            return new Constraints(
                    pattern,
                    node.has("minimum") ? limit(node.get("minimum"), path + ".minimum") : null,
                    node.has("maximum") ? limit(node.get("maximum"), path + ".maximum") : null,
                    node.has("min_length") ? length(node.get("min_length"), path + ".min_length") : null,
                    node.has("max_length") ? length(node.get("max_length"), path + ".max_length") : null,
                    node.has("allowed_values") ? texts(node.get("allowed_values"), path + ".allowed_values")
                            : List.of());
        } catch (SchemaException e) {
            String detail = switch (e.problem()) {
                case INVALID_PATTERN, PATTERN_TOO_LONG -> ".pattern";
                default -> "";
            };
            throw locate(e, path + detail);
        }
    }

    /** Numbers for numeric fields, strings for dates and date-times; both arrive here as text. */
    private static String limit(JsonNode node, String path) {
        if (node.isNumber()) {
            return node.decimalValue().toPlainString();
        }
        if (node.isString()) {
            return node.stringValue();
        }
        throw wrongType(path, "a number or a string");
    }

    private static Integer length(JsonNode node, String path) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(path, "a whole number");
        }
        return node.intValue();
    }

    private static DataType dataType(JsonNode node, String path) {
        String name = text(node, path);
        for (DataType type : DataType.values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw new SchemaException(Problem.UNKNOWN_DATA_TYPE, null, path, "unknown data_type '" + name + "'");
    }

    private static IdentifierType identifierType(JsonNode node, String path) {
        String name = text(node, path);
        for (IdentifierType type : IdentifierType.values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw new SchemaException(Problem.UNKNOWN_IDENTIFIER_TYPE, null, path,
                "unknown identifier_type '" + name + "'");
    }

    private static void requireObject(JsonNode node, String path, Set<String> allowed) {
        if (!node.isObject()) {
            throw wrongType(path, "an object");
        }
        for (String property : node.propertyNames()) {
            if (!allowed.contains(property)) {
                throw new SchemaException(Problem.UNKNOWN_PROPERTY, null, path + "." + property,
                        "unknown property; expected one of " + allowed.stream().sorted().toList());
            }
        }
    }

    private static JsonNode required(JsonNode node, String property, String path) {
        JsonNode value = node.get(property);
        if (value == null || value.isNull()) {
            throw new SchemaException(Problem.MISSING_PROPERTY, null, path + "." + property, "is required");
        }
        return value;
    }

    private static String text(JsonNode node, String path) {
        if (!node.isString()) {
            throw wrongType(path, "a string");
        }
        return node.stringValue();
    }

    private static boolean bool(JsonNode node, String path) {
        if (!node.isBoolean()) {
            throw wrongType(path, "true or false");
        }
        return node.booleanValue();
    }

    private static List<String> texts(JsonNode node, String path) {
        if (!node.isArray()) {
            throw wrongType(path, "an array of strings");
        }
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            values.add(text(node.get(i), path + "[" + i + "]"));
        }
        return values;
    }

    private static SchemaException wrongType(String path, String expected) {
        return new SchemaException(Problem.WRONG_JSON_TYPE, null, path, "must be " + expected);
    }
}
