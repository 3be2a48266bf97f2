package org.haven.server.ingest;

import org.haven.server.identity.CurrentPrincipal;
import org.haven.server.identity.Principal;

/** The caller as this module records it: {@code user:<id>} or {@code app:<id>}. */
final class Callers {

    private Callers() {}

    static String current() {
        return of(CurrentPrincipal.require());
    }

    static String of(Principal principal) {
        return principal.subjectType() + ":" + principal.id();
    }
}
