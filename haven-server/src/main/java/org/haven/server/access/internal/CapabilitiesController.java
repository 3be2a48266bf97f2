package org.haven.server.access.internal;

import java.util.Map;
import org.haven.authz.AuthzException;
import org.haven.authz.ObjectRef;
import org.haven.server.authz.Authorizer;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.CurrentPrincipal;
import org.haven.server.web.AuthorizesOnData;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the caller may do on one resource, so an interface shows only what is allowed (capabilities, not roles).
 * A resource the caller cannot see answers all-false, exactly like one that does not exist.
 */
@RestController
class CapabilitiesController {

    private final Authorizer authorizer;

    CapabilitiesController(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    record Capabilities(String resource, Map<String, Boolean> permissions) {}

    @GetMapping("/api/v1/me/capabilities")
    @AuthorizesOnData("answers only about the caller's own permissions")
    Capabilities capabilities(@RequestParam String resource) {
        ObjectRef ref = parse(resource);
        var permissions = authorizer.permissionsOf(ref.type());
        if (permissions.isEmpty()) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, "Unknown resource type '" + ref.type() + "'");
        }
        return new Capabilities(resource, authorizer.permissions(CurrentPrincipal.require().subject(), ref, permissions));
    }

    static ObjectRef parse(String resource) {
        try {
            return ObjectRef.parse(resource);
        } catch (AuthzException | IllegalArgumentException e) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, "resource must look like type:id, e.g. tenant:3f2a...");
        }
    }
}
