package org.haven.schema;

import org.haven.schema.internal.JsonSchemaWriter;
import org.haven.schema.internal.SchemaJsonReader;

import tools.jackson.databind.JsonNode;

/**
 * Exports a schema as a JSON Schema (draft 2020-12) for one record, for tools outside Haven. Each property carries
 * {@code x-haven-data-type} and {@code x-haven-identifier-type}; optional fields also accept {@code null}; unknown
 * properties are refused ({@code additionalProperties: false}), as {@link RecordValidator} refuses unknown columns.
 * Patterns are Java regular expressions anchored with {@code ^(?:...)$}; a pattern using Java-only syntax may need
 * adjusting for an ECMA-262 validator.
 */
public final class JsonSchemaExport {

    private JsonSchemaExport() {
    }

    public static JsonNode toJsonNode(Schema schema) {
        return JsonSchemaWriter.write(schema);
    }

    public static String toJson(Schema schema) {
        return SchemaJsonReader.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJsonNode(schema));
    }
}
