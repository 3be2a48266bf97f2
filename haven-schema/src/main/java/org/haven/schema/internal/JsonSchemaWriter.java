package org.haven.schema.internal;

import java.math.BigDecimal;

import org.haven.schema.Constraints;
import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.Schema;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Describes one record of a schema as a JSON Schema (draft 2020-12) object. What JSON Schema cannot say (the NHS
 * number check digit, date limits) stays in the {@code x-haven-*} keywords, which validators treat as annotations.
 */
public final class JsonSchemaWriter {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    /** The NHS number shapes; the modulus-11 check is named by {@code x-haven-data-type}. */
    private static final String NHS_NUMBER_PATTERN = "^(?:[0-9]{10}|[0-9]{3} [0-9]{3} [0-9]{4})$";
    private static final String POSTCODE_PATTERN =
            "^\\s*(?:[A-Za-z][A-Za-z]?[0-9][A-Za-z0-9]? *[0-9][A-Za-z]{2}|[Gg][Ii][Rr] *0[Aa]{2})\\s*$";

    private JsonSchemaWriter() {
    }

    public static ObjectNode write(Schema schema) {
        ObjectNode root = SchemaJsonReader.MAPPER.createObjectNode();
        root.put("$schema", DIALECT);
        root.put("type", "object");
        ObjectNode properties = root.putObject("properties");
        ArrayNode required = SchemaJsonReader.MAPPER.createArrayNode();
        for (Field field : schema.fields()) {
            properties.set(field.name(), property(field));
            if (field.required()) {
                required.add(field.name());
            }
        }
        if (!required.isEmpty()) {
            root.set("required", required);
        }
        root.put("additionalProperties", false);
        return root;
    }

    private static ObjectNode property(Field field) {
        ObjectNode node = SchemaJsonReader.MAPPER.createObjectNode();
        String jsonType = jsonType(field.dataType());
        if (field.required()) {
            node.put("type", jsonType);
        } else {
            node.putArray("type").add(jsonType).add("null");
        }
        if (!field.description().isEmpty()) {
            node.put("description", field.description());
        }
        switch (field.dataType()) {
            case DATE -> node.put("format", "date");
            case DATETIME -> node.put("format", "date-time");
            case EMAIL -> node.put("format", "email");
            case NHS_NUMBER -> node.put("pattern", NHS_NUMBER_PATTERN);
            case POSTCODE -> node.put("pattern", POSTCODE_PATTERN);
            default -> {
            }
        }
        addConstraints(node, field);
        if (field.dataType() == DataType.CODE) {
            ArrayNode codes = node.putArray("enum");
            field.codeList().forEach(codes::add);
            if (!field.required()) {
                codes.addNull();
            }
        }
        node.put("x-haven-data-type", field.dataType().name());
        node.put("x-haven-identifier-type", field.identifierType().name());
        return node;
    }

    private static void addConstraints(ObjectNode node, Field field) {
        Constraints constraints = field.constraints();
        if (constraints.pattern() != null) {
            // Haven patterns match the whole value; JSON Schema patterns match anywhere unless anchored.
            node.put("pattern", "^(?:" + constraints.pattern() + ")$");
        }
        if (constraints.minLength() != null) {
            node.put("minLength", constraints.minLength());
        }
        if (constraints.maxLength() != null) {
            node.put("maxLength", constraints.maxLength());
        }
        boolean numeric = field.dataType() == DataType.INTEGER || field.dataType() == DataType.DECIMAL;
        putLimit(node, numeric ? "minimum" : "x-haven-minimum", constraints.minimum(), numeric);
        putLimit(node, numeric ? "maximum" : "x-haven-maximum", constraints.maximum(), numeric);
        if (!constraints.allowedValues().isEmpty() && field.dataType() != DataType.CODE) {
            ArrayNode allowed = node.putArray("enum");
            for (String value : constraints.allowedValues()) {
                if (numeric) {
                    allowed.add(new BigDecimal(value.strip()));
                } else {
                    allowed.add(value.strip());
                }
            }
            if (!field.required()) {
                allowed.addNull();
            }
        } else if (!constraints.allowedValues().isEmpty()) {
            ArrayNode allowed = node.putArray("x-haven-allowed-values");
            constraints.allowedValues().forEach(allowed::add);
        }
    }

    private static void putLimit(ObjectNode node, String keyword, String limit, boolean numeric) {
        if (limit == null) {
            return;
        }
        if (numeric) {
            node.put(keyword, new BigDecimal(limit.strip()));
        } else {
            node.put(keyword, limit.strip());
        }
    }

    private static String jsonType(DataType type) {
        return switch (type) {
            case INTEGER -> "integer";
            case DECIMAL -> "number";
            case BOOLEAN -> "boolean";
            default -> "string";
        };
    }
}
