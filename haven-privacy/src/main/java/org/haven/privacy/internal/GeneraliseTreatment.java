package org.haven.privacy.internal;

import java.util.Optional;
import java.util.Set;

import org.haven.privacy.FieldTransform;
import org.haven.privacy.KeyPurpose;
import org.haven.privacy.ScopedKeys;
import org.haven.privacy.Treatment;
import org.haven.privacy.TreatmentKind;
import org.haven.privacy.TreatmentSpec;
import org.haven.schema.DataType;
import org.haven.schema.Field;

/** A coarser value, computed by one {@link Generaliser}; a value it cannot place gives a counted reason. */
final class GeneraliseTreatment implements Treatment {

    /** The value-level work of one {@code to:} target. */
    interface Generaliser {
        DataType outputType();

        /** The coarser value, or a {@link org.haven.privacy.SuppressionReason}. */
        Object apply(Object value);
    }

    private final Field input;
    private final TreatmentSpec spec;
    private final Generaliser generaliser;

    GeneraliseTreatment(Field input, TreatmentSpec spec, Generaliser generaliser) {
        this.input = input;
        this.spec = spec;
        this.generaliser = generaliser;
    }

    @Override
    public TreatmentKind kind() {
        return TreatmentKind.GENERALISE;
    }

    @Override
    public TreatmentSpec spec() {
        return spec;
    }

    @Override
    public Optional<Field> outputField() {
        return Optional.of(OutputFields.of(input, generaliser.outputType(), false, true));
    }

    @Override
    public Set<KeyPurpose> keyPurposes() {
        return Set.of();
    }

    @Override
    public FieldTransform bind(ScopedKeys keys) {
        return generaliser::apply;
    }
}
