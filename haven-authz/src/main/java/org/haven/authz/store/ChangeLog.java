package org.haven.authz.store;

import java.util.List;
import org.haven.authz.RelationshipChange;

/** The changes of every revision after some revision up to and including {@code throughRevision}, in commit order. */
public record ChangeLog(List<RelationshipChange> changes, long throughRevision) {

    public ChangeLog {
        changes = List.copyOf(changes);
    }
}
