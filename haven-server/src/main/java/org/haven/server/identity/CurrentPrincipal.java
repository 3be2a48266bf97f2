package org.haven.server.identity;

import java.util.Optional;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The principal of the request being handled on this thread. */
public final class CurrentPrincipal {

    private CurrentPrincipal() {}

    public static Optional<Principal> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof HavenAuthentication haven ? Optional.of(haven.getPrincipal()) : Optional.empty();
    }

    /** The caller; an endpoint that needs one is never reached without one, so absence is a 401. */
    public static Principal require() {
        return find().orElseThrow(() -> new HavenException(ErrorCode.UNAUTHENTICATED, "Authentication required"));
    }
}
