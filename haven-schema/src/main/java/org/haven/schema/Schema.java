package org.haven.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.haven.schema.SchemaException.Problem;
import org.haven.schema.internal.FieldNames;

/**
 * The fields of a dataset, in order. Field names are unique ignoring case: {@code NHS_Number} and
 * {@code nhs_number} would become the same column in PostgreSQL and the same header in most spreadsheets.
 */
public record Schema(List<Field> fields) {

    public Schema {
        Objects.requireNonNull(fields, "fields");
        if (fields.isEmpty()) {
            throw new SchemaException(Problem.NO_FIELDS, null, "a schema has at least one field");
        }
        fields = List.copyOf(fields);
        Set<String> keys = new HashSet<>();
        for (Field field : fields) {
            if (!keys.add(FieldNames.key(field.name()))) {
                throw new SchemaException(Problem.DUPLICATE_FIELD, field.name(),
                        "another field has the same name, ignoring case");
            }
        }
    }

    public static Schema of(Field... fields) {
        return new Schema(List.of(fields));
    }

    /** The field with this name, ignoring case. */
    public Optional<Field> field(String name) {
        String key = FieldNames.key(name);
        return fields.stream().filter(field -> FieldNames.key(field.name()).equals(key)).findFirst();
    }
}
