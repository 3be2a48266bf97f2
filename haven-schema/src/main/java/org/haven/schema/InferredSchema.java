package org.haven.schema;

import java.util.List;

/**
 * A proposed schema and the guess behind each field, in the same order. A proposal, not a decision: identifier
 * types in particular must be confirmed by someone who knows the data before the schema is registered.
 */
public record InferredSchema(Schema schema, List<FieldGuess> guesses) {

    public InferredSchema {
        guesses = List.copyOf(guesses);
    }
}
