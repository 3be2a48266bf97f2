package org.haven.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.haven.schema.internal.FieldNames;

/**
 * Checks records of raw text, as read from CSV or JSON, against a schema. Build one per schema and reuse it: the
 * field validators and the name index are prepared once. Column names match field names ignoring case; a column
 * that matches no field, or a second column for a field already seen, is an {@link ErrorKind#UNKNOWN_FIELD}.
 * Immutable and safe to share between threads.
 */
public final class RecordValidator {

    private final Schema schema;
    private final FieldValidator[] validators;
    private final Map<String, Integer> exactIndex = new HashMap<>();
    private final Map<String, Integer> caseInsensitiveIndex = new HashMap<>();
    private final FieldValues.Names names;

    private RecordValidator(Schema schema) {
        this.schema = schema;
        List<Field> fields = schema.fields();
        this.validators = new FieldValidator[fields.size()];
        for (int i = 0; i < validators.length; i++) {
            Field field = fields.get(i);
            validators[i] = FieldValidator.of(field);
            exactIndex.put(field.name(), i);
            caseInsensitiveIndex.put(FieldNames.key(field.name()), i);
        }
        this.names = FieldValues.Names.of(fields.stream().map(Field::name).toList());
    }

    public static RecordValidator of(Schema schema) {
        return new RecordValidator(Objects.requireNonNull(schema, "schema"));
    }

    public Schema schema() {
        return schema;
    }

    public RecordResult validate(Map<String, String> record) {
        String[] raw = new String[validators.length];
        boolean[] seen = new boolean[validators.length];
        List<FieldError> unknown = null;
        for (Map.Entry<String, String> column : record.entrySet()) {
            Integer index = indexOf(column.getKey());
            if (index == null || seen[index]) {
                if (unknown == null) {
                    unknown = new ArrayList<>(2);
                }
                unknown.add(new FieldError(column.getKey(), ErrorKind.UNKNOWN_FIELD, column.getValue()));
                continue;
            }
            seen[index] = true;
            raw[index] = column.getValue();
        }
        FieldValues.Builder values = FieldValues.builder(names);
        List<FieldError> errors = new ArrayList<>(0);
        for (int i = 0; i < validators.length; i++) {
            FieldResult result = validators[i].check(raw[i]);
            if (!result.isValid()) {
                errors.add(new FieldError(validators[i].field().name(), result.error(), raw[i]));
            } else if (result.value() != null) {
                values.set(i, result.value());
            }
        }
        if (unknown != null) {
            errors.addAll(unknown);
        }
        return new RecordResult(values.build(), errors);
    }

    private Integer indexOf(String column) {
        if (column == null) {
            return null;
        }
        Integer index = exactIndex.get(column);
        return index != null ? index : caseInsensitiveIndex.get(FieldNames.key(column));
    }
}
