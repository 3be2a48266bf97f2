package org.haven.server.ingest;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.authz.ObjectRef;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipFilter;
import org.haven.authz.RelationshipUpdate;
import org.haven.authz.SubjectRef;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.authz.Authorizer;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.Actors;
import org.haven.server.tenancy.Cursors;
import org.haven.server.tenancy.Members;
import org.haven.server.tenancy.Page;
import org.haven.server.tenancy.TenantService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Data sources and who may use them. Levels are granted only to the owner tenant's own people (those who hold a
 * role in it) and its own apps: a source is never shared with another tenant this way.
 */
@Service
public class DataSourceService {

    private static final String COLUMNS = "id, tenant_id, name, description, kind, created_by, created_at";
    private static final RowMapper<DataSource> SOURCE = (rs, row) -> new DataSource(
            rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("name"),
            rs.getString("description"), rs.getString("kind"), rs.getString("created_by"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;
    private final Authorizer authorizer;
    private final TenantService tenants;
    private final Members members;
    private final AuditTrail audit;

    DataSourceService(JdbcClient jdbc, Authorizer authorizer, TenantService tenants, Members members, AuditTrail audit) {
        this.jdbc = jdbc;
        this.authorizer = authorizer;
        this.tenants = tenants;
        this.members = members;
        this.audit = audit;
    }

    @Transactional
    public DataSource create(UUID tenantId, String name, String description) {
        return create(tenantId, name, description, "upload");
    }

    /**
     * A source of the given kind: {@code upload} (an upload area) or {@code fhir} (a FHIR server, whose settings
     * the fhir module keeps beside the row). Every kind grants access the same way.
     */
    @Transactional
    public DataSource create(UUID tenantId, String name, String description, String kind) {
        tenants.get(tenantId);
        UUID id = UUID.randomUUID();
        DataSource source;
        try {
            source = jdbc.sql("INSERT INTO data_sources (tenant_id, id, name, description, created_by) "
                            + "VALUES (:tenant, :id, :name, :description, :createdBy) RETURNING " + COLUMNS)
                    .param("tenant", tenantId).param("id", id).param("name", name).param("description", description)
                    .param("createdBy", Callers.current())
                    .query(SOURCE).single();
        } catch (DuplicateKeyException e) {
            throw new HavenException(ErrorCode.CONFLICT, "The tenant already has a data source named '" + name + "'");
        }
        authorizer.write(List.of(RelationshipUpdate.create(
                Relationship.of(ref(id), "owner", SubjectRef.object("tenant", tenantId.toString())))));
        audit.record(Actors.current(), "source.create", resource(id), Decision.SUCCEEDED, null,
                Map.of("tenant_id", tenantId.toString(), "name", name, "kind", kind));
        return source;
    }

    /**
     * Removes a source that holds no files, with every relationship on it, in one transaction: no grant outlives
     * its source. Upload areas with files are refused (their files would be orphaned).
     */
    @Transactional
    public void delete(UUID sourceId) {
        DataSource source = get(sourceId);
        Long files = jdbc.sql("SELECT count(*) FROM source_files WHERE tenant_id = :tenant AND source_id = :id")
                .param("tenant", source.tenantId()).param("id", sourceId).query(Long.class).single();
        if (files > 0) {
            throw new HavenException(ErrorCode.CONFLICT, "The data source still holds files");
        }
        List<RelationshipUpdate> updates = new ArrayList<>();
        List<String> relations = new ArrayList<>(SourceLevel.relations());
        relations.add("owner");
        for (String relation : relations) {
            for (Relationship relationship : authorizer.read(RelationshipFilter.of(ref(sourceId), relation))) {
                updates.add(RelationshipUpdate.delete(relationship));
            }
        }
        if (!updates.isEmpty()) {
            authorizer.write(updates);
        }
        jdbc.sql("DELETE FROM data_sources WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", source.tenantId()).param("id", sourceId).update();
        audit.record(Actors.current(), "source.delete", resource(sourceId), Decision.SUCCEEDED, null,
                Map.of("tenant_id", source.tenantId().toString(), "kind", source.kind()));
    }

    public DataSource get(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM data_sources WHERE id = :id").param("id", id).query(SOURCE).optional()
                .orElseThrow(() -> new HavenException(ErrorCode.NOT_FOUND, "No such data source"));
    }

    /** The tenant's sources among {@code visibleIds}, a page at a time in id order. */
    public Page<DataSource> list(UUID tenantId, List<String> visibleIds, String cursor, int limit) {
        UUID[] ids = visibleIds.stream().map(UUID::fromString).sorted(Comparator.comparing(UUID::toString)).toArray(UUID[]::new);
        List<DataSource> rows = jdbc.sql("SELECT " + COLUMNS + " FROM data_sources "
                        + "WHERE tenant_id = :tenant AND id = ANY(:ids) AND (:cursor::text IS NULL OR id::text > :cursor) "
                        + "ORDER BY id::text LIMIT :limit")
                .param("tenant", tenantId).param("ids", ids).param("cursor", cursor).param("limit", limit + 1)
                .query(SOURCE).list();
        return Cursors.page(rows, limit, source -> source.id().toString());
    }

    /** The levels granted directly on the source (the owner tenant's source managers administer it as well). */
    public List<SourcePermission> permissions(UUID sourceId) {
        get(sourceId);
        List<SourcePermission> granted = new ArrayList<>();
        for (SourceLevel level : SourceLevel.values()) {
            for (Relationship relationship : authorizer.read(RelationshipFilter.of(ref(sourceId), level.relation()))) {
                granted.add(new SourcePermission(relationship.subject().type() + ":" + relationship.subject().id(), level.relation()));
            }
        }
        return granted;
    }

    /** Gives the subject exactly {@code level} on the source, replacing any other level it held. */
    @Transactional
    public SourcePermission permit(UUID sourceId, String subject, SourceLevel level) {
        DataSource source = get(sourceId);
        SubjectRef member = ownTenantSubject(subject, source.tenantId());
        List<RelationshipUpdate> updates = new ArrayList<>();
        for (SourceLevel each : SourceLevel.values()) {
            Relationship relationship = Relationship.of(ref(sourceId), each.relation(), member);
            updates.add(each == level ? RelationshipUpdate.touch(relationship) : RelationshipUpdate.delete(relationship));
        }
        authorizer.write(updates);
        String name = member.type() + ":" + member.id();
        audit.record(Actors.current(), "source.permission.grant", resource(sourceId), Decision.SUCCEEDED, null,
                Map.of("subject", name, "level", level.relation()));
        return new SourcePermission(name, level.relation());
    }

    /** Takes every level granted directly to the subject away. */
    @Transactional
    public void revoke(UUID sourceId, String subject) {
        get(sourceId);
        SubjectRef member = parseSubject(subject);
        List<RelationshipUpdate> updates = SourceLevel.relations().stream()
                .map(relation -> RelationshipUpdate.delete(Relationship.of(ref(sourceId), relation, member))).toList();
        authorizer.write(updates);
        audit.record(Actors.current(), "source.permission.revoke", resource(sourceId), Decision.SUCCEEDED, null,
                Map.of("subject", member.type() + ":" + member.id()));
    }

    /**
     * A user who holds a role in the tenant, or an app of the tenant. Anyone else is answered as unknown, so a
     * source admin cannot learn which users and apps exist elsewhere.
     */
    private SubjectRef ownTenantSubject(String subject, UUID tenantId) {
        SubjectRef parsed = parseSubject(subject);
        if (parsed.type().equals("app")) {
            return members.subject("app", parsed.id(), tenantId);
        }
        if (!authorizer.check(parsed, ObjectRef.of("tenant", tenantId.toString()), "view")) {
            throw new HavenException(ErrorCode.NOT_FOUND, "No such user in this tenant");
        }
        return parsed;
    }

    private static SubjectRef parseSubject(String subject) {
        int colon = subject == null ? -1 : subject.indexOf(':');
        String type = colon < 0 ? "" : subject.substring(0, colon);
        if (!type.equals("user") && !type.equals("app")) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, "A subject is 'user:<id>' or 'app:<id>'");
        }
        try {
            return SubjectRef.object(type, UUID.fromString(subject.substring(colon + 1)).toString());
        } catch (IllegalArgumentException e) {
            throw new HavenException(ErrorCode.NOT_FOUND, "No such " + type);
        }
    }

    static AuditResource resource(UUID sourceId) {
        return new AuditResource("data_source", sourceId.toString());
    }

    static ObjectRef ref(UUID sourceId) {
        return ObjectRef.of("data_source", sourceId.toString());
    }
}
