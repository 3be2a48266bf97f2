package org.haven.privacy;

import java.util.Objects;

/** A field that identifies in combination with others, and the hierarchy it may be generalised along. */
public record QuasiIdentifier(String name, Hierarchy hierarchy) {

    public QuasiIdentifier {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hierarchy, "hierarchy");
    }
}
