package org.haven.server.tenancy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.haven.authz.ObjectRef;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipUpdate;
import org.haven.authz.SubjectRef;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.authz.Authorizer;
import org.haven.server.identity.Actors;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tenants and the roles held in them. Callers have been authorised by the endpoint before these run. */
@Service
public class TenantService {

    static final ObjectRef PLATFORM = ObjectRef.of("platform", "haven");
    private static final RowMapper<Tenant> TENANT = (rs, row) -> new Tenant(
            rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
            rs.getObject("parent_id", UUID.class), rs.getObject("created_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;
    private final Authorizer authorizer;
    private final Members members;
    private final RoleAssignments roles;
    private final AuditTrail audit;

    TenantService(JdbcClient jdbc, Authorizer authorizer, Members members, RoleAssignments roles, AuditTrail audit) {
        this.jdbc = jdbc;
        this.authorizer = authorizer;
        this.members = members;
        this.roles = roles;
        this.audit = audit;
    }

    /** A new tenant, top-level or under {@code parentId}; the platform's administrators reach it through {@code platform}. */
    @Transactional
    public Tenant create(String slug, String name, UUID parentId) {
        UUID id = UUID.randomUUID();
        Tenant tenant;
        try {
            tenant = jdbc.sql("""
                            INSERT INTO tenants (id, slug, name, parent_id) VALUES (:id, :slug, :name, :parent)
                            RETURNING id, slug, name, parent_id, created_at""")
                    .param("id", id).param("slug", slug).param("name", name).param("parent", parentId)
                    .query(TENANT).single();
        } catch (DuplicateKeyException e) {
            throw new HavenException(ErrorCode.CONFLICT, "A tenant with slug '" + slug + "' already exists");
        }
        List<RelationshipUpdate> relationships = new ArrayList<>();
        relationships.add(RelationshipUpdate.create(Relationship.of(ref(id), "platform", SubjectRef.object("platform", "haven"))));
        if (parentId != null) {
            relationships.add(RelationshipUpdate.create(Relationship.of(ref(id), "parent", SubjectRef.object("tenant", parentId.toString()))));
        }
        authorizer.write(relationships);
        audit.record(Actors.current(), "tenant.create", resource(id), Decision.SUCCEEDED, null,
                parentId == null ? Map.of("slug", slug) : Map.of("slug", slug, "parent_id", parentId.toString()));
        return tenant;
    }

    public Tenant get(UUID id) {
        return jdbc.sql("SELECT id, slug, name, parent_id, created_at FROM tenants WHERE id = :id")
                .param("id", id).query(TENANT).optional()
                .orElseThrow(() -> new HavenException(ErrorCode.NOT_FOUND, "No such tenant"));
    }

    @Transactional
    public Tenant rename(UUID id, String name) {
        Tenant renamed = jdbc.sql("UPDATE tenants SET name = :name WHERE id = :id RETURNING id, slug, name, parent_id, created_at")
                .param("id", id).param("name", name).query(TENANT).optional()
                .orElseThrow(() -> new HavenException(ErrorCode.NOT_FOUND, "No such tenant"));
        audit.record(Actors.current(), "tenant.rename", resource(id), Decision.SUCCEEDED, null, Map.of("name", name));
        return renamed;
    }

    /**
     * Moves the tenant under {@code parentId}, or makes it top-level when that is null. A tenant can never end up
     * among its own descendants. The caller must administer both the tenant and the new parent; the endpoint checked
     * the first, this checks the second.
     */
    @Transactional
    public Tenant setParent(UUID id, UUID parentId, SubjectRef caller) {
        Tenant tenant = get(id);
        if (parentId != null) {
            if (!authorizer.check(caller, ref(parentId), "administer")) {
                throw new HavenException(ErrorCode.NOT_FOUND, "No such parent tenant");
            }
            if (parentId.equals(id) || ancestorsOf(parentId).contains(id)) {
                throw new HavenException(ErrorCode.CONFLICT, "A tenant cannot be placed under itself or its own descendants");
            }
        }
        jdbc.sql("UPDATE tenants SET parent_id = :parent WHERE id = :id").param("parent", parentId).param("id", id).update();
        List<RelationshipUpdate> updates = new ArrayList<>();
        if (tenant.parentId() != null) {
            updates.add(RelationshipUpdate.delete(Relationship.of(ref(id), "parent", SubjectRef.object("tenant", tenant.parentId().toString()))));
        }
        if (parentId != null) {
            updates.add(RelationshipUpdate.touch(Relationship.of(ref(id), "parent", SubjectRef.object("tenant", parentId.toString()))));
        }
        authorizer.write(updates);
        audit.record(Actors.current(), "tenant.parent.set", resource(id), Decision.SUCCEEDED, null,
                Map.of("parent_id", parentId == null ? "none" : parentId.toString()));
        return get(id);
    }

    private List<UUID> ancestorsOf(UUID id) {
        return jdbc.sql("""
                        WITH RECURSIVE ancestors(id, parent_id) AS (
                            SELECT id, parent_id FROM tenants WHERE id = :id
                            UNION SELECT t.id, t.parent_id FROM tenants t JOIN ancestors a ON t.id = a.parent_id)
                        SELECT id FROM ancestors""")
                .param("id", id).query(UUID.class).list();
    }

    /** Tenants among {@code visibleIds}, ordered by id, after {@code cursor}. */
    public Page<Tenant> list(List<String> visibleIds, String cursor, int limit) {
        List<UUID> ids = visibleIds.stream().map(UUID::fromString).sorted(Comparator.comparing(UUID::toString)).toList();
        List<Tenant> rows = jdbc.sql("""
                        SELECT id, slug, name, parent_id, created_at FROM tenants
                        WHERE id = ANY(:ids) AND (:cursor::text IS NULL OR id::text > :cursor)
                        ORDER BY id::text LIMIT :limit""")
                .param("ids", ids.toArray(UUID[]::new)).param("cursor", cursor).param("limit", limit + 1)
                .query(TENANT).list();
        return Cursors.page(rows, limit, tenant -> tenant.id().toString());
    }

    /** The roles each member holds, keyed by subject ({@code user:<id>} or {@code app:<id>}). */
    public List<Member> members(UUID tenantId) {
        return roles.holders(ref(tenantId), TenantRole.relations());
    }

    /** Sets exactly these roles for the member: roles not listed are taken away. */
    @Transactional
    public Set<String> setRoles(UUID tenantId, String subjectType, String subjectId, Set<TenantRole> wanted) {
        get(tenantId);
        SubjectRef subject = members.subject(subjectType, subjectId, tenantId);
        Set<String> held = roles.setExactly(ref(tenantId), subject, TenantRole.relations(),
                wanted.stream().map(TenantRole::relation).collect(Collectors.toSet()));
        audit.record(Actors.current(), "tenant.roles.set", resource(tenantId), Decision.SUCCEEDED, null,
                Map.of("member", subject.toString(), "roles", held.toString()));
        return held;
    }

    private static AuditResource resource(UUID tenantId) {
        return new AuditResource("tenant", tenantId.toString());
    }

    static ObjectRef ref(UUID tenantId) {
        return ObjectRef.of("tenant", tenantId.toString());
    }
}
