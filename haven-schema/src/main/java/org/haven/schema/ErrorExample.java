package org.haven.schema;

/**
 * One example of an error, as kept by a {@link ValidationReport}.
 *
 * @param row the record's position in the stream, from 1
 * @param value the value, masked when the field is identifying or unknown, and cut to a readable length
 * @param masked whether {@code value} is masked
 */
public record ErrorExample(long row, String value, boolean masked) {
}
