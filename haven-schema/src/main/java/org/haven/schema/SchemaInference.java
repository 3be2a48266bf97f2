package org.haven.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.haven.schema.internal.FieldNames;
import org.haven.schema.internal.IdentifierGuess;
import org.haven.schema.internal.TypeCandidates;

/**
 * Proposes a schema from a sample: a header and rows of raw text, as {@code haven schema infer FILE} reads them.
 * Each column gets the most specific type that all its non-empty values satisfy, is required when none of its
 * values is empty, and gets an identifier type guessed from its type and name. Short rows count as empty values;
 * cells beyond the header are ignored.
 */
public final class SchemaInference {

    private SchemaInference() {
    }

    public static InferredSchema infer(List<String> header, List<? extends List<String>> rows) {
        if (header.isEmpty()) {
            throw new SchemaException(SchemaException.Problem.NO_FIELDS, null, "the sample has no columns");
        }
        TypeCandidates[] columns = new TypeCandidates[header.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new TypeCandidates();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < columns.length; i++) {
                columns[i].observe(i < row.size() ? row.get(i) : null);
            }
        }
        Set<String> taken = new HashSet<>();
        List<Field> fields = new ArrayList<>(columns.length);
        List<FieldGuess> guesses = new ArrayList<>(columns.length);
        for (int i = 0; i < columns.length; i++) {
            String column = header.get(i) == null ? "" : header.get(i);
            String name = FieldNames.fromHeader(column, taken);
            taken.add(FieldNames.key(name));
            TypeCandidates candidates = columns[i];
            DataType type = candidates.best();
            boolean required = candidates.nonEmptyCount() > 0 && candidates.emptyCount() == 0;
            IdentifierGuess.Guess identifier = IdentifierGuess.guess(name, type);
            String reason = typeReason(candidates, type) + "; " + requiredReason(candidates) + "; "
                    + identifier.identifierType() + " because " + identifier.reason();
            fields.add(Field.of(name, type, identifier.identifierType()).withRequired(required));
            guesses.add(new FieldGuess(column, name, type, required, identifier.identifierType(), reason));
        }
        return new InferredSchema(new Schema(fields), guesses);
    }

    private static String typeReason(TypeCandidates candidates, DataType type) {
        if (candidates.nonEmptyCount() == 0) {
            return "STRING because the sample has no values";
        }
        if (type == DataType.STRING) {
            return "STRING because no more specific type fits every value";
        }
        return type + " because all " + candidates.nonEmptyCount() + " values are valid " + type;
    }

    private static String requiredReason(TypeCandidates candidates) {
        if (candidates.emptyCount() == 0 && candidates.nonEmptyCount() > 0) {
            return "required because no value is empty";
        }
        return "optional because " + candidates.emptyCount() + " of "
                + (candidates.emptyCount() + candidates.nonEmptyCount()) + " values are empty";
    }
}
