package org.haven.server.identity;

import java.util.UUID;
import org.haven.authz.SubjectRef;

/** An authenticated caller: a person or a service account. */
public sealed interface Principal permits Principal.User, Principal.App {

    UUID id();

    /** The caller as an authorization subject type: {@code user} or {@code app}. */
    String subjectType();

    /** The caller as the authorization engine knows it: {@code user:<id>} or {@code app:<id>}. */
    default SubjectRef subject() {
        return SubjectRef.object(subjectType(), id().toString());
    }

    /** A person, whichever issuer vouched for them. */
    record User(UUID id, String displayName, String email) implements Principal {
        @Override
        public String subjectType() {
            return "user";
        }
    }

    /** A service account; it acts only within its own tenant. */
    record App(UUID id, UUID tenantId, String name) implements Principal {
        @Override
        public String subjectType() {
            return "app";
        }
    }
}
