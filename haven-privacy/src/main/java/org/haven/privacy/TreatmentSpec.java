package org.haven.privacy;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A treatment as a policy names it: the kind and its parameters (strings, numbers, booleans, as written in the
 * document). Parameters are checked against a field when the policy is applied to a schema.
 */
public record TreatmentSpec(TreatmentKind kind, Map<String, Object> parameters) {

    public TreatmentSpec {
        Objects.requireNonNull(kind, "kind");
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters == null ? Map.of() : parameters));
    }

    public static TreatmentSpec of(TreatmentKind kind) {
        return new TreatmentSpec(kind, Map.of());
    }

    public static TreatmentSpec of(TreatmentKind kind, Map<String, Object> parameters) {
        return new TreatmentSpec(kind, parameters);
    }
}
