package org.haven.schema;

import java.util.Optional;

/** A schema, or a schema document, that Haven refuses; {@link #problem()} is stable and safe to show. */
public class SchemaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a schema was refused. The names are part of the API: clients match on them. */
    public enum Problem {
        NO_FIELDS,
        INVALID_FIELD_NAME,
        DUPLICATE_FIELD,
        MISSING_PROPERTY,
        UNKNOWN_PROPERTY,
        WRONG_JSON_TYPE,
        INVALID_JSON,
        UNKNOWN_DATA_TYPE,
        UNKNOWN_IDENTIFIER_TYPE,
        INVALID_PATTERN,
        PATTERN_TOO_LONG,
        INVALID_RANGE,
        INVALID_LENGTH,
        INVALID_ALLOWED_VALUE,
        CONSTRAINT_NOT_APPLICABLE,
        MISSING_CODE_LIST,
        INVALID_CODE_LIST,
        BREAKING_CHANGE
    }

    private final Problem problem;
    private final String fieldName;
    private final String jsonPath;

    public SchemaException(Problem problem, String fieldName, String message) {
        this(problem, fieldName, null, message);
    }

    public SchemaException(Problem problem, String fieldName, String jsonPath, String message) {
        super(describe(fieldName, jsonPath, message));
        this.problem = problem;
        this.fieldName = fieldName;
        this.jsonPath = jsonPath;
    }

    private static String describe(String fieldName, String jsonPath, String message) {
        StringBuilder text = new StringBuilder();
        if (jsonPath != null) {
            text.append(jsonPath).append(": ");
        }
        if (fieldName != null) {
            text.append("field '").append(fieldName).append("': ");
        }
        return text.append(message).toString();
    }

    public Problem problem() {
        return problem;
    }

    /** The field the problem is about, when there is one. */
    public Optional<String> fieldName() {
        return Optional.ofNullable(fieldName);
    }

    /** Where in a schema JSON document the problem is, such as {@code $.fields[2].data_type}. */
    public Optional<String> jsonPath() {
        return Optional.ofNullable(jsonPath);
    }

    /** The same problem, located at {@code path} in a JSON document. */
    public SchemaException at(String path) {
        return new SchemaException(problem, fieldName, path, rawMessage());
    }

    private String rawMessage() {
        String message = getMessage();
        String prefix = describe(fieldName, jsonPath, "");
        return message.substring(prefix.length());
    }
}
