package org.haven.privacy.internal;

import java.util.List;

import org.haven.schema.Constraints;
import org.haven.schema.DataType;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;

/** The output field of a treatment that changes values: constraints no longer hold, the name and text stay. */
final class OutputFields {

    private OutputFields() {
    }

    /**
     * @param stillIdentifying whether the output identifies as much as the input (true for encryption, whose
     *     ciphertext is the value for anyone with the key); otherwise a DIRECT input becomes INDIRECT
     * @param mayBeSuppressed whether a present input can give no output, making a required field optional
     */
    static Field of(Field input, DataType type, boolean stillIdentifying, boolean mayBeSuppressed) {
        IdentifierType identifierType = input.identifierType();
        if (!stillIdentifying && identifierType == IdentifierType.DIRECT) {
            identifierType = IdentifierType.INDIRECT;
        }
        boolean required = input.required() && !mayBeSuppressed;
        return new Field(input.name(), type, identifierType, required, input.description(), Constraints.NONE,
                List.of());
    }
}
