package org.haven.schema;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The outcome of checking one record.
 *
 * @param values the typed values of the fields that were present and valid, keyed by schema field name (from a
 *     {@link RecordValidator}, a {@link FieldValues} in schema order)
 * @param errors every failed check, in schema order and then unknown columns; empty when the record is valid
 */
public record RecordResult(Map<String, Object> values, List<FieldError> errors) {

    public RecordResult {
        values = values instanceof FieldValues immutable ? immutable : Collections.unmodifiableMap(values);
        errors = List.copyOf(errors);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }
}
