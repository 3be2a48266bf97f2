package org.haven.schema;

import java.util.List;

import org.haven.schema.internal.SchemaJsonReader;
import org.haven.schema.internal.SchemaJsonWriter;

import tools.jackson.databind.JsonNode;

/**
 * The schema JSON document, in snake_case:
 *
 * <pre>{@code
 * {"fields": [{"name": "nhs_number", "data_type": "NHS_NUMBER", "identifier_type": "DIRECT", "required": true,
 *              "description": "...", "constraints": {"pattern": "...", "minimum": 0, "maximum": 120,
 *              "min_length": 1, "max_length": 50, "allowed_values": ["..."]}, "code_list": ["..."]}]}
 * }</pre>
 *
 * {@code required} defaults to false; {@code description}, {@code constraints} and {@code code_list} are optional.
 * Minimum and maximum are JSON numbers for INTEGER and DECIMAL fields and ISO strings for DATE and DATETIME fields.
 * A refused document raises a {@link SchemaException} whose {@link SchemaException#jsonPath()} says where.
 */
public final class SchemaJson {

    private SchemaJson() {
    }

    public static Schema parse(String json) {
        return SchemaJsonReader.read(json);
    }

    public static Schema parse(JsonNode json) {
        return SchemaJsonReader.read(json);
    }

    /**
     * Every problem of a document, rather than only the first that {@link #parse(JsonNode)} raises: at most one per
     * field, plus each duplicate name. Empty when {@link #parse(JsonNode)} would accept the document.
     */
    public static List<SchemaException> problems(JsonNode json) {
        return SchemaJsonReader.problems(json);
    }

    public static JsonNode toJsonNode(Schema schema) {
        return SchemaJsonWriter.write(schema);
    }

    public static String write(Schema schema) {
        return SchemaJsonReader.MAPPER.writeValueAsString(SchemaJsonWriter.write(schema));
    }
}
