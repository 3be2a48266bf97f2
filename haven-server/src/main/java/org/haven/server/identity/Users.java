package org.haven.server.identity;

import java.util.Optional;
import java.util.UUID;

/** People known to Haven, keyed by the issuer that vouches for them and their subject there. */
public interface Users {

    /** The issuer name of Haven's built-in sign-in. */
    String LOCAL_ISSUER = "urn:haven:local";

    /** Finds the user for (issuer, subject), creating them on first sight; refreshes email and name. */
    Principal.User provision(String issuer, String subject, String email, String displayName);

    Optional<Principal.User> find(UUID id);

    Optional<Principal.User> findLocal(String username);
}
