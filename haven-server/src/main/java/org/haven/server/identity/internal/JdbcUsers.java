package org.haven.server.identity.internal;

import java.util.Optional;
import java.util.UUID;
import org.haven.server.identity.Principal;
import org.haven.server.identity.Users;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcUsers implements Users {

    private static final RowMapper<Principal.User> USER = (rs, row) ->
            new Principal.User(rs.getObject("id", UUID.class), rs.getString("display_name"), rs.getString("email"));

    private final JdbcClient jdbc;

    JdbcUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Principal.User provision(String issuer, String subject, String email, String displayName) {
        // One statement, so two first requests of a new user at once still create one row.
        return jdbc.sql("""
                        INSERT INTO users (id, issuer, subject, email, display_name, last_seen_at)
                        VALUES (:id, :issuer, :subject, :email, :name, now())
                        ON CONFLICT (issuer, subject) DO UPDATE
                        SET email = coalesce(EXCLUDED.email, users.email),
                            display_name = coalesce(EXCLUDED.display_name, users.display_name),
                            last_seen_at = now()
                        RETURNING id, display_name, email""")
                .param("id", UUID.randomUUID()).param("issuer", issuer).param("subject", subject)
                .param("email", email).param("name", displayName)
                .query(USER)
                .single();
    }

    @Override
    public Optional<Principal.User> find(UUID id) {
        return jdbc.sql("SELECT id, display_name, email FROM users WHERE id = :id").param("id", id).query(USER).optional();
    }

    @Override
    public Optional<Principal.User> findLocal(String username) {
        return jdbc.sql("""
                        SELECT u.id, u.display_name, u.email FROM users u JOIN local_accounts a ON a.user_id = u.id
                        WHERE lower(a.username) = lower(:username)""")
                .param("username", username).query(USER).optional();
    }
}
