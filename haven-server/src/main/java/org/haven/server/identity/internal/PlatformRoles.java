package org.haven.server.identity.internal;

import java.util.List;
import org.haven.authz.ObjectRef;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipUpdate;
import org.haven.authz.SubjectRef;
import org.haven.server.authz.Authorizer;
import org.haven.server.identity.Principal;
import org.springframework.stereotype.Component;

/** Roles on the platform itself (the one object {@code platform:haven}), above every tenant. */
@Component
class PlatformRoles {

    static final ObjectRef PLATFORM = ObjectRef.of("platform", "haven");

    private final Authorizer authorizer;

    PlatformRoles(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    void grantAdministrator(Principal.User user) {
        authorizer.write(List.of(RelationshipUpdate.touch(
                Relationship.of(PLATFORM, "administrator", SubjectRef.object("user", user.id().toString())))));
    }
}
