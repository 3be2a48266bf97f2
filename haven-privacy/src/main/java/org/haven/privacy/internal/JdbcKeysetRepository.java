package org.haven.privacy.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.haven.privacy.KeyException;
import org.haven.privacy.KeyPurpose;
import org.haven.privacy.KeyScope;
import org.haven.privacy.KeysetRepository;
import org.haven.privacy.StoredKeyset;

/** Keysets in PostgreSQL table {@code privacy_keysets}; one autocommitted statement per call. */
public final class JdbcKeysetRepository implements KeysetRepository {

    private static final String COLUMNS =
            "tenant_id, scope, purpose, keyset_id, version, wrapped_keyset, master_key_id, created_at, updated_at";

    private final DataSource dataSource;

    public JdbcKeysetRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<StoredKeyset> find(KeyScope scope, KeyPurpose purpose) {
        String sql = "SELECT " + COLUMNS + " FROM privacy_keysets WHERE tenant_id = ? AND scope = ? AND purpose = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, scope.tenantId());
            statement.setString(2, scope.scope());
            statement.setString(3, purpose.name());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", scope, purpose, e);
        }
    }

    @Override
    public boolean insert(StoredKeyset keyset) {
        String sql = "INSERT INTO privacy_keysets (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (tenant_id, scope, purpose) DO NOTHING";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, keyset.scope().tenantId());
            statement.setString(2, keyset.scope().scope());
            statement.setString(3, keyset.purpose().name());
            statement.setString(4, keyset.keysetId());
            statement.setInt(5, keyset.version());
            statement.setBytes(6, keyset.wrappedKeyset());
            statement.setString(7, keyset.masterKeyId());
            statement.setTimestamp(8, Timestamp.from(keyset.createdAt()));
            statement.setTimestamp(9, Timestamp.from(keyset.updatedAt()));
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("store", keyset.scope(), keyset.purpose(), e);
        }
    }

    @Override
    public boolean replace(StoredKeyset keyset, int expectedVersion) {
        String sql = "UPDATE privacy_keysets SET version = ?, wrapped_keyset = ?, master_key_id = ?, updated_at = ? "
                + "WHERE tenant_id = ? AND scope = ? AND purpose = ? AND keyset_id = ? AND version = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, keyset.version());
            statement.setBytes(2, keyset.wrappedKeyset());
            statement.setString(3, keyset.masterKeyId());
            statement.setTimestamp(4, Timestamp.from(keyset.updatedAt()));
            statement.setString(5, keyset.scope().tenantId());
            statement.setString(6, keyset.scope().scope());
            statement.setString(7, keyset.purpose().name());
            statement.setString(8, keyset.keysetId());
            statement.setInt(9, expectedVersion);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("update", keyset.scope(), keyset.purpose(), e);
        }
    }

    @Override
    public List<StoredKeyset> listByTenant(String tenantId) {
        String sql = "SELECT " + COLUMNS + " FROM privacy_keysets WHERE tenant_id = ? ORDER BY scope, purpose";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenantId);
            return readAll(statement);
        } catch (SQLException e) {
            throw new KeyException("could not list the keysets of tenant " + tenantId + ": " + e.getSQLState(), e);
        }
    }

    @Override
    public List<StoredKeyset> listAll() {
        String sql = "SELECT " + COLUMNS + " FROM privacy_keysets ORDER BY tenant_id, scope, purpose";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            return readAll(statement);
        } catch (SQLException e) {
            throw new KeyException("could not list the keysets: " + e.getSQLState(), e);
        }
    }

    private static List<StoredKeyset> readAll(PreparedStatement statement) throws SQLException {
        List<StoredKeyset> result = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                result.add(read(rows));
            }
        }
        return result;
    }

    private static StoredKeyset read(ResultSet rows) throws SQLException {
        return new StoredKeyset(new KeyScope(rows.getString(1), rows.getString(2)),
                KeyPurpose.valueOf(rows.getString(3)), rows.getString(4), rows.getInt(5), rows.getBytes(6),
                rows.getString(7), rows.getTimestamp(8).toInstant(), rows.getTimestamp(9).toInstant());
    }

    private static KeyException failure(String action, KeyScope scope, KeyPurpose purpose, SQLException e) {
        return new KeyException("could not " + action + " the " + purpose + " keyset of " + scope + " (SQL state "
                + e.getSQLState() + ")", e);
    }
}
