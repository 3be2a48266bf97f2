package org.haven.server.tenancy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.haven.authz.ObjectRef;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipUpdate;
import org.haven.authz.SubjectRef;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import java.util.Map;
import org.haven.server.authz.Authorizer;
import org.haven.server.identity.Actors;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.ApiTokens;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Apps (service accounts) of a tenant and their API keys. */
@Service
public class AppService {

    private static final RowMapper<App> APP = (rs, row) -> new App(rs.getObject("id", UUID.class),
            rs.getObject("tenant_id", UUID.class), rs.getString("name"), rs.getObject("created_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;
    private final Authorizer authorizer;
    private final ApiTokens tokens;
    private final AuditTrail audit;

    AppService(JdbcClient jdbc, Authorizer authorizer, ApiTokens tokens, AuditTrail audit) {
        this.jdbc = jdbc;
        this.authorizer = authorizer;
        this.tokens = tokens;
        this.audit = audit;
    }

    /** A new app; it belongs to the tenant (it may act there once given a role) and nowhere else. */
    @Transactional
    public App create(UUID tenantId, String name, UUID createdBy) {
        UUID id = UUID.randomUUID();
        App app;
        try {
            app = jdbc.sql("""
                            INSERT INTO apps (tenant_id, id, name, created_by) VALUES (:tenant, :id, :name, :createdBy)
                            RETURNING id, tenant_id, name, created_at""")
                    .param("tenant", tenantId).param("id", id).param("name", name).param("createdBy", createdBy)
                    .query(APP).single();
        } catch (DuplicateKeyException e) {
            throw new HavenException(ErrorCode.CONFLICT, "The tenant already has an app named '" + name + "'");
        }
        authorizer.write(List.of(RelationshipUpdate.create(Relationship.of(
                ObjectRef.of("app", id.toString()), "tenant", SubjectRef.object("tenant", tenantId.toString())))));
        audit.record(Actors.current(), "app.create", resource(id), Decision.SUCCEEDED, null,
                Map.of("tenant_id", tenantId.toString(), "name", name));
        return app;
    }

    public List<App> list(UUID tenantId) {
        return jdbc.sql("SELECT id, tenant_id, name, created_at FROM apps WHERE tenant_id = :tenant ORDER BY name")
                .param("tenant", tenantId).query(APP).list();
    }

    public App get(UUID tenantId, UUID appId) {
        return jdbc.sql("SELECT id, tenant_id, name, created_at FROM apps WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenantId).param("id", appId).query(APP).optional()
                .orElseThrow(() -> new HavenException(ErrorCode.NOT_FOUND, "No such app in this tenant"));
    }

    @Transactional
    public ApiTokens.IssuedToken createKey(UUID tenantId, UUID appId, String name, Instant expiresAt) {
        get(tenantId, appId);
        ApiTokens.IssuedToken issued = tokens.createAppKey(tenantId, appId, name, expiresAt);
        audit.record(Actors.current(), "app.key.create", resource(appId), Decision.SUCCEEDED, null,
                Map.of("key_id", issued.info().id(), "name", name));
        return issued;
    }

    public List<ApiTokens.TokenInfo> keys(UUID tenantId, UUID appId) {
        get(tenantId, appId);
        return tokens.appKeys(tenantId, appId);
    }

    @Transactional
    public void revokeKey(UUID tenantId, UUID appId, String keyId) {
        if (!tokens.revokeAppKey(tenantId, appId, keyId)) {
            throw new HavenException(ErrorCode.NOT_FOUND, "No such key");
        }
        audit.record(Actors.current(), "app.key.revoke", resource(appId), Decision.SUCCEEDED, null, Map.of("key_id", keyId));
    }

    private static AuditResource resource(UUID appId) {
        return new AuditResource("app", appId.toString());
    }
}
