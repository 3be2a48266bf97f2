package org.haven.fhir.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.haven.fhir.Flattened;
import org.haven.schema.RecordResult;
import org.haven.schema.RecordValidator;

/**
 * Collects the raw text values of one flat record and checks them against the dataset's schema before handing the
 * record out, so a record that leaves the library always validates.
 */
public final class RecordBuilder {

    private final Map<String, String> values = new LinkedHashMap<>();

    public RecordBuilder put(String field, String value) {
        if (value != null && !value.isBlank()) {
            values.put(field, value.strip());
        }
        return this;
    }

    public Flattened build(RecordValidator validator, String resourceId) {
        RecordResult result = validator.validate(values);
        if (!result.isValid()) {
            String fields = result.errors().stream().map(error -> error.fieldName() + " " + error.kind())
                    .collect(Collectors.joining(", "));
            return new Flattened.Rejected(resourceId, "fails the schema: " + fields);
        }
        // Keep schema order whatever order the values were put in.
        Map<String, String> ordered = new LinkedHashMap<>();
        validator.schema().fields().forEach(field -> {
            String value = values.get(field.name());
            if (value != null) {
                ordered.put(field.name(), value);
            }
        });
        return new Flattened.Accepted(ordered);
    }
}
