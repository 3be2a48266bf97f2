package org.haven.server.tenancy;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.haven.authz.ObjectRef;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipFilter;
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

/** Projects, their partner tenants and their members. */
@Service
public class ProjectService {

    private static final RowMapper<Project> PROJECT = (rs, row) -> new Project(
            rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("name"),
            rs.getString("description"), rs.getObject("created_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;
    private final Authorizer authorizer;
    private final Members members;
    private final TenantService tenants;
    private final RoleAssignments roles;
    private final AuditTrail audit;

    ProjectService(JdbcClient jdbc, Authorizer authorizer, Members members, TenantService tenants, RoleAssignments roles,
            AuditTrail audit) {
        this.jdbc = jdbc;
        this.authorizer = authorizer;
        this.members = members;
        this.tenants = tenants;
        this.roles = roles;
        this.audit = audit;
    }

    @Transactional
    public Project create(UUID hostTenantId, String name, String description, UUID createdBy) {
        tenants.get(hostTenantId);
        UUID id = UUID.randomUUID();
        Project project;
        try {
            project = jdbc.sql("""
                            INSERT INTO projects (tenant_id, id, name, description, created_by)
                            VALUES (:tenant, :id, :name, :description, :createdBy)
                            RETURNING id, tenant_id, name, description, created_at""")
                    .param("tenant", hostTenantId).param("id", id).param("name", name).param("description", description)
                    .param("createdBy", createdBy)
                    .query(PROJECT).single();
        } catch (DuplicateKeyException e) {
            throw new HavenException(ErrorCode.CONFLICT, "The tenant already has a project named '" + name + "'");
        }
        authorizer.write(List.of(RelationshipUpdate.create(
                Relationship.of(ref(id), "host", SubjectRef.object("tenant", hostTenantId.toString())))));
        audit.record(Actors.current(), "project.create", resource(id), Decision.SUCCEEDED, null,
                Map.of("host_tenant_id", hostTenantId.toString(), "name", name));
        return project;
    }

    public Project get(UUID id) {
        return jdbc.sql("SELECT id, tenant_id, name, description, created_at FROM projects WHERE id = :id")
                .param("id", id).query(PROJECT).optional()
                .orElseThrow(() -> new HavenException(ErrorCode.NOT_FOUND, "No such project"));
    }

    public Page<Project> list(List<String> visibleIds, String cursor, int limit) {
        UUID[] ids = visibleIds.stream().map(UUID::fromString).sorted(Comparator.comparing(UUID::toString)).toArray(UUID[]::new);
        List<Project> rows = jdbc.sql("""
                        SELECT id, tenant_id, name, description, created_at FROM projects
                        WHERE id = ANY(:ids) AND (:cursor::text IS NULL OR id::text > :cursor)
                        ORDER BY id::text LIMIT :limit""")
                .param("ids", ids).param("cursor", cursor).param("limit", limit + 1)
                .query(PROJECT).list();
        return Cursors.page(rows, limit, project -> project.id().toString());
    }

    @Transactional
    public void addPartner(UUID projectId, UUID partnerTenantId) {
        get(projectId);
        tenants.get(partnerTenantId);
        authorizer.write(List.of(RelationshipUpdate.touch(partner(projectId, partnerTenantId))));
        audit.record(Actors.current(), "project.partner.add", resource(projectId), Decision.SUCCEEDED, null,
                Map.of("partner_tenant_id", partnerTenantId.toString()));
    }

    @Transactional
    public void removePartner(UUID projectId, UUID partnerTenantId) {
        authorizer.write(List.of(RelationshipUpdate.delete(partner(projectId, partnerTenantId))));
        audit.record(Actors.current(), "project.partner.remove", resource(projectId), Decision.SUCCEEDED, null,
                Map.of("partner_tenant_id", partnerTenantId.toString()));
    }

    public List<String> partners(UUID projectId) {
        return authorizer.read(RelationshipFilter.of(ref(projectId), "data_partner")).stream()
                .map(relationship -> relationship.subject().id()).sorted().toList();
    }

    /** Sets exactly these roles for the member; apps must belong to the host tenant. */
    @Transactional
    public Set<String> setRoles(UUID projectId, String subjectType, String subjectId, Set<ProjectRole> wanted) {
        Project project = get(projectId);
        SubjectRef subject = members.subject(subjectType, subjectId, project.hostTenantId());
        Set<String> held = roles.setExactly(ref(projectId), subject, ProjectRole.relations(),
                wanted.stream().map(ProjectRole::relation).collect(Collectors.toSet()));
        audit.record(Actors.current(), "project.roles.set", resource(projectId), Decision.SUCCEEDED, null,
                Map.of("member", subject.toString(), "roles", held.toString()));
        return held;
    }

    public List<Member> members(UUID projectId) {
        return roles.holders(ref(projectId), ProjectRole.relations());
    }

    private static Relationship partner(UUID projectId, UUID partnerTenantId) {
        return Relationship.of(ref(projectId), "data_partner", SubjectRef.object("tenant", partnerTenantId.toString()));
    }

    private static AuditResource resource(UUID projectId) {
        return new AuditResource("project", projectId.toString());
    }

    static ObjectRef ref(UUID projectId) {
        return ObjectRef.of("project", projectId.toString());
    }
}
