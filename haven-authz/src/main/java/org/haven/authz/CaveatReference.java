package org.haven.authz;

import java.util.Map;
import java.util.Objects;

/** A caveat attached to a relationship, with the part of its context fixed at write time (may be empty). */
public record CaveatReference(String name, Map<String, Object> context) {

    public CaveatReference {
        Objects.requireNonNull(name, "name");
        context = context == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(context));
    }
}
