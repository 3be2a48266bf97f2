package org.haven.schema.internal;

import java.math.BigDecimal;

import org.haven.schema.Constraints;
import org.haven.schema.Field;
import org.haven.schema.Schema;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes the schema JSON document that {@link SchemaJsonReader} reads; optional parts are left out when empty. */
public final class SchemaJsonWriter {

    private SchemaJsonWriter() {
    }

    public static ObjectNode write(Schema schema) {
        ObjectNode root = SchemaJsonReader.MAPPER.createObjectNode();
        ArrayNode fields = root.putArray("fields");
        for (Field field : schema.fields()) {
            ObjectNode node = fields.addObject();
            node.put("name", field.name());
            node.put("data_type", field.dataType().name());
            node.put("identifier_type", field.identifierType().name());
            node.put("required", field.required());
            if (!field.description().isEmpty()) {
                node.put("description", field.description());
            }
            if (!field.constraints().isEmpty()) {
                node.set("constraints", constraints(field));
            }
            if (!field.codeList().isEmpty()) {
                ArrayNode codes = node.putArray("code_list");
                field.codeList().forEach(codes::add);
            }
        }
        return root;
    }

    private static ObjectNode constraints(Field field) {
        Constraints constraints = field.constraints();
        ObjectNode node = SchemaJsonReader.MAPPER.createObjectNode();
        if (constraints.pattern() != null) {
            node.put("pattern", constraints.pattern());
        }
        putLimit(node, "minimum", constraints.minimum(), field);
        putLimit(node, "maximum", constraints.maximum(), field);
        if (constraints.minLength() != null) {
            node.put("min_length", constraints.minLength());
        }
        if (constraints.maxLength() != null) {
            node.put("max_length", constraints.maxLength());
        }
        if (!constraints.allowedValues().isEmpty()) {
            ArrayNode allowed = node.putArray("allowed_values");
            constraints.allowedValues().forEach(allowed::add);
        }
        return node;
    }

    private static void putLimit(ObjectNode node, String name, String limit, Field field) {
        if (limit == null) {
            return;
        }
        switch (field.dataType()) {
            case INTEGER, DECIMAL -> node.put(name, new BigDecimal(limit.strip()));
            default -> node.put(name, limit);
        }
    }
}
