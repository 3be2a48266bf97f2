package org.haven.server.catalog.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.haven.schema.Schema;
import org.haven.schema.SchemaException;
import org.haven.schema.SchemaJson;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import tools.jackson.databind.JsonNode;

/**
 * Schema documents as they arrive in requests. A refused document is one {@code invalid-schema} problem listing
 * every error (its problem, JSON path within the schema document, field and message), so a person fixes them all
 * in one go.
 */
final class SchemaDocuments {

    private SchemaDocuments() {}

    static Schema parse(JsonNode document) {
        if (document == null || document.isMissingNode() || document.isNull()) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, "The request has invalid fields; see 'errors'",
                    Map.of("errors", List.of(Map.of("field", "schema", "message", "is required"))), null);
        }
        List<SchemaException> problems = SchemaJson.problems(document);
        if (!problems.isEmpty()) {
            throw new HavenException(ErrorCode.INVALID_SCHEMA,
                    "The schema has " + problems.size() + " error(s); see 'errors'",
                    Map.of("errors", problems.stream().map(SchemaDocuments::error).toList()), null);
        }
        return SchemaJson.parse(document);
    }

    private static Map<String, String> error(SchemaException problem) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("problem", problem.problem().name());
        problem.jsonPath().ifPresent(path -> error.put("path", path));
        problem.fieldName().ifPresent(field -> error.put("field", field));
        error.put("message", problem.getMessage());
        return error;
    }
}
