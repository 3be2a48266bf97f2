package org.haven.privacy;

import java.util.Optional;
import java.util.Set;

import org.haven.schema.Field;

/**
 * A treatment checked against one input field. Built by {@link PrivacyPolicy#resolve}, which refuses a treatment
 * that does not fit the field's data type or has bad parameters.
 */
public interface Treatment {

    TreatmentKind kind();

    /** The spec it was built from, parameters included. */
    TreatmentSpec spec();

    /** The field that replaces the input in the output schema; empty when the field is dropped. */
    Optional<Field> outputField();

    /** The keysets the treatment needs; empty for keyless treatments. */
    Set<KeyPurpose> keyPurposes();

    /** The transform with its keys; {@code keys} may be null when {@link #keyPurposes()} is empty. */
    FieldTransform bind(ScopedKeys keys);
}
