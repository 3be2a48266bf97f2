package org.haven.server.tenancy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.haven.authz.ObjectRef;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipFilter;
import org.haven.authz.RelationshipUpdate;
import org.haven.authz.SubjectRef;
import org.haven.server.authz.Authorizer;
import org.springframework.stereotype.Component;

/** Roles as relations of an object: who holds which, and setting exactly the roles one subject holds. */
@Component
class RoleAssignments {

    private final Authorizer authorizer;

    RoleAssignments(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    /** Gives the subject the {@code wanted} roles among {@code all} and takes away the rest, in one write. */
    Set<String> setExactly(ObjectRef resource, SubjectRef subject, List<String> all, Set<String> wanted) {
        List<RelationshipUpdate> updates = new ArrayList<>();
        for (String role : all) {
            Relationship relationship = Relationship.of(resource, role, subject);
            updates.add(wanted.contains(role) ? RelationshipUpdate.touch(relationship) : RelationshipUpdate.delete(relationship));
        }
        authorizer.write(updates);
        return new TreeSet<>(wanted);
    }

    /** Everyone holding any of {@code roles}, with the roles each holds. */
    List<Member> holders(ObjectRef resource, List<String> roles) {
        Map<String, Set<String>> holders = new LinkedHashMap<>();
        for (String role : roles) {
            for (Relationship relationship : authorizer.read(RelationshipFilter.of(resource, role))) {
                holders.computeIfAbsent(relationship.subject().type() + ":" + relationship.subject().id(), key -> new TreeSet<>()).add(role);
            }
        }
        return holders.entrySet().stream().map(entry -> new Member(entry.getKey(), entry.getValue())).toList();
    }
}
