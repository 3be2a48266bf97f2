package org.haven.server.sharing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.haven.authz.CaveatReference;
import org.haven.authz.ObjectRef;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipFilter;
import org.haven.authz.RelationshipUpdate;
import org.haven.authz.SubjectRef;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.authz.Authorizer;
import org.haven.server.catalog.CatalogService;
import org.haven.server.database.DatabaseNotifications;
import org.haven.server.database.NotifiedCache;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.Actors;
import org.haven.server.sharing.DatasetGrant;
import org.haven.server.sharing.DatasetGrants;
import org.haven.server.sharing.ResultType;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Grants of datasets to projects. A grant's row, the relationships that enforce it and its audit event are written
 * in one transaction; a project holds at most one grant of a dataset, so granting again replaces the grant (its
 * result type, version, expiry and policy) rather than adding a second one.
 */
@Service
class GrantService implements DatasetGrants {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = """
            id, dataset_id, project_id, result_type, dataset_version, policy::text AS policy, expires_at, granted_by,
            granted_at""";
    private static final RowMapper<DatasetGrant> GRANT = GrantService::grant;

    private final JdbcClient jdbc;
    private final Authorizer authorizer;
    private final CatalogService catalog;
    private final AuditTrail audit;
    /**
     * A dataset's grants of each result type, for reads; migration V17 announces every change. Whether a grant is
     * usable (its expiry, version, and the caller's place in its project) is still decided on each read.
     */
    private final NotifiedCache<DatasetResultType, List<DatasetGrant>> grantsOfType;

    GrantService(JdbcClient jdbc, Authorizer authorizer, CatalogService catalog, AuditTrail audit,
            DatabaseNotifications notifications) {
        this.jdbc = jdbc;
        this.authorizer = authorizer;
        this.catalog = catalog;
        this.audit = audit;
        this.grantsOfType = new NotifiedCache<>(notifications, "haven_dataset_grants", Duration.ofMinutes(1),
                (dataset, key, grants) -> dataset.equals(key.datasetId().toString()));
    }

    @Transactional
    DatasetGrant grant(UUID datasetId, NewGrant request, String grantedBy) {
        UUID tenantId = catalog.dataset(datasetId).tenantId();
        Optional<DatasetGrant> previous = jdbc.sql("SELECT " + COLUMNS + " FROM dataset_grants"
                        + " WHERE dataset_id = :dataset AND project_id = :project FOR UPDATE")
                .param("dataset", datasetId).param("project", request.projectId()).query(GRANT).optional();
        DatasetGrant granted = jdbc.sql("""
                        INSERT INTO dataset_grants (tenant_id, id, dataset_id, project_id, result_type, dataset_version,
                                                    policy, expires_at, granted_by)
                        VALUES (:tenant, :id, :dataset, :project, :resultType, :version, CAST(:policy AS jsonb),
                                :expiresAt, :grantedBy)
                        ON CONFLICT (dataset_id, project_id) DO UPDATE SET
                            id = excluded.id, result_type = excluded.result_type,
                            dataset_version = excluded.dataset_version, policy = excluded.policy,
                            expires_at = excluded.expires_at, granted_by = excluded.granted_by, granted_at = now()
                        RETURNING""" + " " + COLUMNS)
                .param("tenant", tenantId).param("id", UUID.randomUUID()).param("dataset", datasetId)
                .param("project", request.projectId()).param("resultType", request.resultType().name())
                .param("version", request.version())
                .param("policy", request.policy() == null ? null : request.policy().toString())
                .param("expiresAt", request.expiresAt() == null ? null : Timestamp.from(request.expiresAt()))
                .param("grantedBy", grantedBy)
                .query(GRANT).single();
        grantsOfType.dropWhenCommitted(key -> key.datasetId().equals(datasetId));
        previous.ifPresent(this::deleteRelationships);
        authorizer.write(relationships(granted).stream().map(RelationshipUpdate::touch).toList());
        audit.record(Actors.current(), previous.isPresent() ? "dataset.grant.replace" : "dataset.grant.create",
                new AuditResource("dataset", datasetId.toString()), Decision.SUCCEEDED, null, details(granted));
        return granted;
    }

    List<DatasetGrant> list(UUID datasetId) {
        catalog.dataset(datasetId);
        return jdbc.sql("SELECT " + COLUMNS + " FROM dataset_grants WHERE dataset_id = :dataset ORDER BY granted_at, id")
                .param("dataset", datasetId).query(GRANT).list();
    }

    @Transactional
    void revoke(UUID datasetId, UUID grantId) {
        DatasetGrant revoked = jdbc.sql("DELETE FROM dataset_grants WHERE dataset_id = :dataset AND id = :id RETURNING "
                        + COLUMNS)
                .param("dataset", datasetId).param("id", grantId).query(GRANT).optional()
                .orElseThrow(() -> new HavenException(ErrorCode.NOT_FOUND, "No such grant of this dataset"));
        grantsOfType.dropWhenCommitted(key -> key.datasetId().equals(datasetId));
        deleteRelationships(revoked);
        audit.record(Actors.current(), "dataset.grant.revoke", new AuditResource("dataset", datasetId.toString()),
                Decision.SUCCEEDED, null, details(revoked));
    }

    @Override
    public List<DatasetGrant> usableBy(SubjectRef subject, UUID datasetId, int version, ResultType resultType) {
        Instant now = Instant.now();
        List<DatasetGrant> usable = new ArrayList<>();
        List<DatasetGrant> ofType = grantsOfType.get(new DatasetResultType(datasetId, resultType),
                () -> Optional.of(List.copyOf(jdbc.sql("SELECT " + COLUMNS + " FROM dataset_grants"
                                + " WHERE dataset_id = :dataset AND result_type = :resultType ORDER BY granted_at, id")
                        .param("dataset", datasetId).param("resultType", resultType.name()).query(GRANT).list())))
                .orElseThrow();
        for (DatasetGrant grant : ofType) {
            if (grant.covers(version, now)
                    && authorizer.check(subject, ObjectRef.of("project", grant.projectId().toString()), "use_data")) {
                usable.add(grant);
            }
        }
        return usable;
    }

    @Override
    public Optional<DatasetGrant> ofProject(UUID datasetId, UUID projectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dataset_grants WHERE dataset_id = :dataset AND project_id = :project")
                .param("dataset", datasetId).param("project", projectId).query(GRANT).optional();
    }

    /**
     * {@code dataset#project} lets the project's people see the dataset; {@code dataset#granted_<type>} lets its
     * data users read it. Both expire with the grant; the second is caveated by version when the grant names one.
     */
    private static List<Relationship> relationships(DatasetGrant grant) {
        ObjectRef dataset = ObjectRef.of("dataset", grant.datasetId().toString());
        SubjectRef project = SubjectRef.object("project", grant.projectId().toString());
        Relationship sees = Relationship.of(dataset, "project", project);
        Relationship reads = Relationship.of(dataset, grant.resultType().relation(), project);
        if (grant.version() != null) {
            reads = reads.withCaveat(new CaveatReference("version_is", Map.of("granted_version", grant.version().longValue())));
        }
        if (grant.expiresAt() != null) {
            sees = sees.withExpiration(grant.expiresAt());
            reads = reads.withExpiration(grant.expiresAt());
        }
        return List.of(sees, reads);
    }

    private void deleteRelationships(DatasetGrant grant) {
        SubjectRef project = SubjectRef.object("project", grant.projectId().toString());
        ObjectRef dataset = ObjectRef.of("dataset", grant.datasetId().toString());
        authorizer.delete(RelationshipFilter.of(dataset, "project").withSubject(project));
        authorizer.delete(RelationshipFilter.of(dataset, grant.resultType().relation()).withSubject(project));
    }

    /** What the audit log keeps of a grant: never the policy itself, which may name fields, only its presence. */
    private static Map<String, String> details(DatasetGrant grant) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("grant_id", grant.id().toString());
        details.put("project_id", grant.projectId().toString());
        details.put("result_type", grant.resultType().name());
        details.put("version", grant.version() == null ? "*" : grant.version().toString());
        details.put("expires_at", grant.expiresAt() == null ? "never" : grant.expiresAt().toString());
        details.put("policy", grant.policy() == null ? "standard" : "custom");
        return details;
    }

    private static DatasetGrant grant(ResultSet rs, int row) throws SQLException {
        String policy = rs.getString("policy");
        Timestamp expiresAt = rs.getTimestamp("expires_at");
        int number = rs.getInt("dataset_version");
        Integer version = rs.wasNull() ? null : number;
        return new DatasetGrant(rs.getObject("id", UUID.class), rs.getObject("dataset_id", UUID.class),
                rs.getObject("project_id", UUID.class), ResultType.valueOf(rs.getString("result_type")),
                version, policy == null ? null : JSON.readTree(policy),
                expiresAt == null ? null : expiresAt.toInstant(), rs.getString("granted_by"),
                rs.getTimestamp("granted_at").toInstant());
    }

    private record DatasetResultType(UUID datasetId, ResultType resultType) {}
}
