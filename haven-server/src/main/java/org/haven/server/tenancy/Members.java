package org.haven.server.tenancy;

import java.util.UUID;
import org.haven.authz.SubjectRef;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may be given a role: an existing user, or an app. An app acts only inside its own tenant, so it can hold
 * roles there and in that tenant's projects, nowhere else.
 */
@Component
public class Members {

    private final JdbcClient jdbc;

    Members(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The subject for {@code user}/{@code app} and an id, checked to exist and to belong to {@code tenantId}. */
    public SubjectRef subject(String type, String id, UUID tenantId) {
        UUID uuid = parseId(id);
        boolean exists = switch (type) {
            case "user" -> jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE id = :id)").param("id", uuid).query(Boolean.class).single();
            case "app" -> jdbc.sql("SELECT EXISTS (SELECT 1 FROM apps WHERE id = :id AND tenant_id = :tenant)")
                    .param("id", uuid).param("tenant", tenantId).query(Boolean.class).single();
            default -> throw new HavenException(ErrorCode.VALIDATION_FAILED, "A member is a 'user' or an 'app', not '" + type + "'");
        };
        if (!exists) {
            throw new HavenException(ErrorCode.NOT_FOUND, "No such " + type + (type.equals("app") ? " in this tenant" : ""));
        }
        return SubjectRef.object(type, uuid.toString());
    }

    static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new HavenException(ErrorCode.NOT_FOUND, "No such member");
        }
    }
}
