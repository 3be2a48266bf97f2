package org.haven.server.access.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.haven.authz.AuthzException;
import org.haven.authz.ExpandTree;
import org.haven.authz.ObjectRef;
import org.haven.authz.Relationship;
import org.haven.authz.SubjectRef;
import org.haven.server.authz.Authorizer;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.web.RequiresPermission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Access reviews: whether a subject holds a permission on a resource and through which relationships, or why
 * none grants it. For platform administrators and auditors.
 */
@RestController
class ExplainController {

    private final Authorizer authorizer;

    ExplainController(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    record Explanation(String resource, String permission, String subject, boolean allowed, List<List<String>> paths, String reason) {}

    @GetMapping("/api/v1/access/explain")
    @RequiresPermission(resourceType = "platform", id = "haven", permission = "audit", visibleWith = "")
    Explanation explain(@RequestParam String resource, @RequestParam String permission, @RequestParam String subject) {
        ObjectRef ref = CapabilitiesController.parse(resource);
        SubjectRef who = parseSubject(subject);
        if (!authorizer.permissionsOf(ref.type()).contains(permission)) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, "'" + ref.type() + "' has no permission '" + permission + "'");
        }
        boolean allowed = authorizer.check(who, ref, permission);
        List<List<String>> paths = new ArrayList<>();
        collectPaths(authorizer.expand(ref, permission), who, new ArrayList<>(), paths);
        String reason;
        if (allowed) {
            reason = "granted through the relationships listed in paths";
        } else if (paths.isEmpty()) {
            reason = "no relationship connects " + subject + " to " + resource + "#" + permission;
        } else {
            reason = "connected through the listed paths, but an intersection is not met or an exclusion applies";
        }
        return new Explanation(resource, permission, subject, allowed, paths, reason);
    }

    /** Every root-to-relationship path in the tree that ends at the subject (or a wildcard of its type). */
    private static void collectPaths(ExpandTree node, SubjectRef subject, List<String> trail, List<List<String>> paths) {
        trail.add(node.kind().name().toLowerCase(Locale.ROOT) + " " + node.resource() + "#" + node.relation());
        for (Relationship relationship : node.relationships()) {
            SubjectRef candidate = relationship.subject();
            boolean matches = candidate.type().equals(subject.type())
                    && (candidate.id().equals(subject.id()) || SubjectRef.WILDCARD.equals(candidate.id()))
                    && (candidate.relation() == null || candidate.relation().isEmpty());
            if (matches) {
                List<String> path = new ArrayList<>(trail);
                path.add(relationship.toString());
                paths.add(path);
            }
        }
        for (ExpandTree child : node.children()) {
            collectPaths(child, subject, trail, paths);
        }
        trail.remove(trail.size() - 1);
    }

    private static SubjectRef parseSubject(String subject) {
        try {
            return SubjectRef.parse(subject);
        } catch (AuthzException | IllegalArgumentException e) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, "subject must look like type:id, e.g. user:3f2a...");
        }
    }
}
