package org.haven.authz;

import java.util.Objects;

/** How fresh the data behind a read must be, as in SpiceDB. */
public sealed interface Consistency {

    /** Whatever the local view holds; it trails other processes' writes by at most the refresh interval. */
    record MinimizeLatency() implements Consistency {}

    /** At least as fresh as the given token: the view catches up first if it is older. */
    record AtLeastAsFresh(RevisionToken token) implements Consistency {
        public AtLeastAsFresh {
            Objects.requireNonNull(token, "token");
        }
    }

    /** The latest committed state of the store. */
    record FullyConsistent() implements Consistency {}

    static Consistency minimizeLatency() {
        return new MinimizeLatency();
    }

    static Consistency atLeastAsFresh(RevisionToken token) {
        return new AtLeastAsFresh(token);
    }

    static Consistency fullyConsistent() {
        return new FullyConsistent();
    }
}
