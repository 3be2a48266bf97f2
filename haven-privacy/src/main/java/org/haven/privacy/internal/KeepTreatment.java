package org.haven.privacy.internal;

import java.util.Optional;
import java.util.Set;

import org.haven.privacy.FieldTransform;
import org.haven.privacy.KeyPurpose;
import org.haven.privacy.ScopedKeys;
import org.haven.privacy.Treatment;
import org.haven.privacy.TreatmentKind;
import org.haven.privacy.TreatmentSpec;
import org.haven.schema.Field;

/** The value unchanged; the output field is the input field. */
final class KeepTreatment implements Treatment {

    private final Field input;

    KeepTreatment(Field input) {
        this.input = input;
    }

    @Override
    public TreatmentKind kind() {
        return TreatmentKind.KEEP;
    }

    @Override
    public TreatmentSpec spec() {
        return TreatmentSpec.of(TreatmentKind.KEEP);
    }

    @Override
    public Optional<Field> outputField() {
        return Optional.of(input);
    }

    @Override
    public Set<KeyPurpose> keyPurposes() {
        return Set.of();
    }

    @Override
    public FieldTransform bind(ScopedKeys keys) {
        return value -> value;
    }
}
