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

/** No output column; the de-identifier never reads the value. */
final class DropTreatment implements Treatment {

    @Override
    public TreatmentKind kind() {
        return TreatmentKind.DROP;
    }

    @Override
    public TreatmentSpec spec() {
        return TreatmentSpec.of(TreatmentKind.DROP);
    }

    @Override
    public Optional<Field> outputField() {
        return Optional.empty();
    }

    @Override
    public Set<KeyPurpose> keyPurposes() {
        return Set.of();
    }

    @Override
    public FieldTransform bind(ScopedKeys keys) {
        return value -> null;
    }
}
