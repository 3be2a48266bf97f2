package org.haven.authz.schema;

import java.util.List;

/** A relation of a definition: the only thing relationships are written to. */
public record Relation(String name, List<AllowedSubject> allowedSubjects, SourcePosition position) {

    public Relation {
        allowedSubjects = List.copyOf(allowedSubjects);
    }
}
