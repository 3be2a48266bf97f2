package org.haven.schema;

/**
 * What inference proposes for one column, and why, for a person to review.
 *
 * @param column the header as it appeared in the sample
 * @param fieldName the field name made from it (lower case, underscores)
 * @param reason one line on how the type, required flag and identifier type were chosen
 */
public record FieldGuess(String column, String fieldName, DataType dataType, boolean required,
        IdentifierType identifierType, String reason) {
}
