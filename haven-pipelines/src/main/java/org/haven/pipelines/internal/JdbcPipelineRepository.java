package org.haven.pipelines.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pipelines and their versions. Rows are never updated except a pipeline's enabled flag and latest version. */
final class JdbcPipelineRepository {

    record StoredVersion(String tenantId, String name, int version, String yaml, String definitionJson, int concurrency,
                         String appliedBy, Instant appliedAt, boolean enabled) {}

    /** Locks the pipeline row (creating it when new) so concurrent applies of one pipeline number versions in turn. */
    Optional<Integer> lockLatestVersion(Tx tx, String tenantId, String name, Instant now) throws SQLException {
        try (PreparedStatement insert = tx.connection.prepareStatement(
                "INSERT INTO pipelines (tenant_id, name, latest_version, enabled, created_at) VALUES (?, ?, 0, TRUE, ?) "
                        + "ON CONFLICT DO NOTHING")) {
            insert.setString(1, tenantId);
            insert.setString(2, name);
            insert.setTimestamp(3, Timestamp.from(now));
            insert.executeUpdate();
        }
        try (PreparedStatement select = tx.connection.prepareStatement(
                "SELECT latest_version FROM pipelines WHERE tenant_id = ? AND name = ? FOR UPDATE")) {
            select.setString(1, tenantId);
            select.setString(2, name);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                int latest = rows.getInt(1);
                return latest == 0 ? Optional.empty() : Optional.of(latest);
            }
        }
    }

    void insertVersion(Tx tx, StoredVersion version) throws SQLException {
        try (PreparedStatement insert = tx.connection.prepareStatement(
                "INSERT INTO pipeline_versions (tenant_id, name, version, yaml, definition_json, concurrency, applied_by, "
                        + "applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, version.tenantId());
            insert.setString(2, version.name());
            insert.setInt(3, version.version());
            insert.setString(4, version.yaml());
            insert.setString(5, version.definitionJson());
            insert.setInt(6, version.concurrency());
            insert.setString(7, version.appliedBy());
            insert.setTimestamp(8, Timestamp.from(version.appliedAt()));
            insert.executeUpdate();
        }
        try (PreparedStatement update = tx.connection.prepareStatement(
                "UPDATE pipelines SET latest_version = ? WHERE tenant_id = ? AND name = ?")) {
            update.setInt(1, version.version());
            update.setString(2, version.tenantId());
            update.setString(3, version.name());
            update.executeUpdate();
        }
    }

    /** The given version, or the latest when {@code version} is null. */
    Optional<StoredVersion> find(Tx tx, String tenantId, String name, Integer version) throws SQLException {
        String sql = SELECT_VERSION + " WHERE p.tenant_id = ? AND p.name = ? AND v.version = "
                + (version == null ? "p.latest_version" : "?");
        try (PreparedStatement select = tx.connection.prepareStatement(sql)) {
            select.setString(1, tenantId);
            select.setString(2, name);
            if (version != null) {
                select.setInt(3, version);
            }
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    /** Latest versions of a tenant's pipelines (all tenants when {@code tenantId} is null), optionally only enabled ones. */
    List<StoredVersion> latest(Tx tx, String tenantId, boolean enabledOnly) throws SQLException {
        String sql = SELECT_VERSION + " WHERE v.version = p.latest_version"
                + (tenantId == null ? "" : " AND p.tenant_id = ?") + (enabledOnly ? " AND p.enabled" : "")
                + " ORDER BY p.tenant_id, p.name";
        try (PreparedStatement select = tx.connection.prepareStatement(sql)) {
            if (tenantId != null) {
                select.setString(1, tenantId);
            }
            List<StoredVersion> result = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    result.add(read(rows));
                }
            }
            return result;
        }
    }

    List<StoredVersion> versions(Tx tx, String tenantId, String name) throws SQLException {
        try (PreparedStatement select = tx.connection.prepareStatement(
                SELECT_VERSION + " WHERE p.tenant_id = ? AND p.name = ? ORDER BY v.version")) {
            select.setString(1, tenantId);
            select.setString(2, name);
            List<StoredVersion> result = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    result.add(read(rows));
                }
            }
            return result;
        }
    }

    boolean setEnabled(Tx tx, String tenantId, String name, boolean enabled) throws SQLException {
        try (PreparedStatement update = tx.connection.prepareStatement(
                "UPDATE pipelines SET enabled = ? WHERE tenant_id = ? AND name = ?")) {
            update.setBoolean(1, enabled);
            update.setString(2, tenantId);
            update.setString(3, name);
            return update.executeUpdate() == 1;
        }
    }

    private static final String SELECT_VERSION = "SELECT v.tenant_id, v.name, v.version, v.yaml, v.definition_json, "
            + "v.concurrency, v.applied_by, v.applied_at, p.enabled FROM pipelines p JOIN pipeline_versions v "
            + "ON v.tenant_id = p.tenant_id AND v.name = p.name";

    private static StoredVersion read(ResultSet rows) throws SQLException {
        return new StoredVersion(rows.getString(1), rows.getString(2), rows.getInt(3), rows.getString(4),
                rows.getString(5), rows.getInt(6), rows.getString(7), rows.getTimestamp(8).toInstant(), rows.getBoolean(9));
    }
}
