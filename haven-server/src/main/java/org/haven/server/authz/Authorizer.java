package org.haven.server.authz;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.haven.authz.ExpandTree;
import org.haven.authz.ObjectRef;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipFilter;
import org.haven.authz.RelationshipUpdate;
import org.haven.authz.SubjectRef;

/**
 * Permission checks and relationship writes. Writes made inside a transaction commit or roll back with it, and
 * checks made after the commit (in this process) see them.
 */
public interface Authorizer {

    boolean check(SubjectRef subject, ObjectRef resource, String permission);

    /**
     * A check whose caveats are decided by the request's context (for example the dataset version a read asks for):
     * a conditional grant counts only when its caveat holds for this context.
     */
    boolean check(SubjectRef subject, ObjectRef resource, String permission, Map<String, Object> context);

    /** Which of {@code permissions} the subject holds on the resource, for capability answers. */
    Map<String, Boolean> permissions(SubjectRef subject, ObjectRef resource, Collection<String> permissions);

    /** Ids of the resources of a type on which the subject holds the permission. */
    List<String> lookupResources(SubjectRef subject, String resourceType, String permission);

    void write(List<RelationshipUpdate> updates);

    void delete(RelationshipFilter filter);

    List<Relationship> read(RelationshipFilter filter);

    /** The tree of relations that could grant the permission, for access reviews. */
    ExpandTree expand(ObjectRef resource, String permission);

    /** The permissions the schema defines on a type, e.g. for a capabilities answer. */
    List<String> permissionsOf(String resourceType);
}
