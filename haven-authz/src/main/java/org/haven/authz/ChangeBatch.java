package org.haven.authz;

import java.util.List;

/** Changes after a revision, in commit order; pass {@code next} to read the following batch. */
public record ChangeBatch(List<RelationshipChange> changes, RevisionToken next) {

    public ChangeBatch {
        changes = List.copyOf(changes);
    }
}
