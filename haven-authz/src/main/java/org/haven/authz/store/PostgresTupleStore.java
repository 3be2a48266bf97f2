package org.haven.authz.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.haven.authz.AuthzErrorCode;
import org.haven.authz.AuthzException;
import org.haven.authz.CaveatReference;
import org.haven.authz.JsonText;
import org.haven.authz.ObjectRef;
import org.haven.authz.Precondition;
import org.haven.authz.PreconditionFailedException;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipChange;
import org.haven.authz.RelationshipFilter;
import org.haven.authz.RelationshipUpdate;
import org.haven.authz.SubjectRef;

/**
 * Relationships in PostgreSQL (tables from {@link AuthzSchemaMigrations}). Writers take a transaction-level
 * advisory lock before choosing the next revision, so revisions become visible in the order they are numbered and a
 * reader that has seen revision n can never later find an unseen change at or below n.
 *
 * <p>Two data sources, so that relationships granting access can be written in the same transaction as the rows
 * they protect:
 * <ul>
 *   <li>The <em>write source</em> serves {@link #write} and {@link #deleteMatching}. When the connection it hands
 *       out already has auto-commit off, the write <em>joins</em> that transaction (the caller's): it takes the same
 *       advisory lock and does its work, but neither commits, rolls back nor touches auto-commit; the caller's
 *       commit publishes the revision and its rollback leaves no trace, not even a used revision number. The
 *       advisory lock is then held until the caller's transaction ends, which serialises authorization writers
 *       behind it; that is intended, as it is what keeps revisions committing in order. A connection with
 *       auto-commit on gets a transaction of its own, committed before the write returns. Spring's
 *       {@code TransactionAwareDataSourceProxy} behaves exactly so; a pool that hands out auto-commit-off
 *       connections outside any transaction must not be used, as nobody would commit the write. A joined
 *       transaction should be READ COMMITTED (PostgreSQL's default): under a snapshot taken before the lock, a
 *       concurrent writer's revision makes the write fail rather than reuse its number. A failed precondition or
 *       CREATE check raises before anything is written; any other failure leaves the caller to roll back.</li>
 *   <li>The <em>read source</em> serves reads, the change log and snapshot loads. It must hand out plain
 *       connections, never the caller's, so the engine's in-memory view only ever sees committed revisions.</li>
 * </ul>
 */
public final class PostgresTupleStore implements TupleStore {

    private static final String COLUMNS =
            "resource_type, resource_id, relation, subject_type, subject_id, subject_relation, caveat_name, caveat_context, expires_at";
    private static final String UNEXPIRED = " AND (expires_at IS NULL OR expires_at > now())";

    private final DataSource readSource;
    private final DataSource writeSource;
    private final String storeId;

    /** A store that reads and writes through one plain source, so every write commits on its own. */
    public PostgresTupleStore(DataSource dataSource) {
        this(dataSource, dataSource);
    }

    /** A store whose writes join the write source's transaction when it has one (see the class comment). */
    public PostgresTupleStore(DataSource readSource, DataSource writeSource) {
        this.readSource = readSource;
        this.writeSource = writeSource;
        try (Connection connection = readSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT store_id FROM authz_store")) {
            if (!row.next()) {
                throw new AuthzException(AuthzErrorCode.STORE_UNAVAILABLE, "authz_store is empty; run AuthzSchemaMigrations first");
            }
            this.storeId = row.getString(1);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public String storeId() {
        return storeId;
    }

    @Override
    public long write(List<RelationshipUpdate> updates, List<Precondition> preconditions) {
        return inWriteTransaction(connection -> {
            checkPreconditions(connection, preconditions);
            Set<Relationship.Key> created = new HashSet<>();
            for (RelationshipUpdate update : updates) {
                if (update.operation() == RelationshipUpdate.Operation.CREATE
                        && (!created.add(update.relationship().key())
                        || exists(connection, RelationshipFilter.exactly(update.relationship().key())))) {
                    throw new AuthzException(AuthzErrorCode.RELATIONSHIP_EXISTS, "relationship already exists: " + update.relationship().key());
                }
            }
            long revision = nextRevision(connection);
            List<RelationshipChange> changes = new ArrayList<>();
            for (RelationshipUpdate update : updates) {
                Relationship relationship = update.relationship();
                if (update.operation() == RelationshipUpdate.Operation.DELETE) {
                    changes.addAll(delete(connection, RelationshipFilter.exactly(relationship.key()), revision));
                } else {
                    upsert(connection, relationship, revision);
                    changes.add(new RelationshipChange(revision, RelationshipChange.Kind.TOUCH, relationship));
                }
            }
            recordChanges(connection, changes);
            return revision;
        });
    }

    @Override
    public long deleteMatching(RelationshipFilter filter, List<Precondition> preconditions) {
        return inWriteTransaction(connection -> {
            checkPreconditions(connection, preconditions);
            long revision = nextRevision(connection);
            recordChanges(connection, delete(connection, filter, revision));
            return revision;
        });
    }

    @Override
    public List<Relationship> read(RelationshipFilter filter) {
        List<Object> parameters = new ArrayList<>();
        String where = where(filter, parameters);
        List<Relationship> result = new ArrayList<>();
        try (Connection connection = readSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM authz_relationships WHERE " + where + UNEXPIRED)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(relationship(rows, 1));
                }
            }
            return result;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public long currentRevision() {
        try (Connection connection = readSource.getConnection()) {
            return currentRevision(connection);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public ChangeLog changesAfter(long after, int maxRevisions) {
        try (Connection connection = readSource.getConnection()) {
            long current = currentRevision(connection);
            if (current <= after) {
                return new ChangeLog(List.of(), Math.max(after, current));
            }
            long through = Math.min(current, after + Math.max(1, maxRevisions));
            List<RelationshipChange> changes = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT revision, operation, " + COLUMNS
                    + " FROM authz_changes WHERE revision > ? AND revision <= ? ORDER BY revision, position")) {
                statement.setLong(1, after);
                statement.setLong(2, through);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        changes.add(new RelationshipChange(rows.getLong(1), RelationshipChange.Kind.valueOf(rows.getString(2)), relationship(rows, 3)));
                    }
                }
            }
            return new ChangeLog(changes, through);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public long loadAll(Consumer<Relationship> sink) {
        try (Connection connection = readSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                long revision = currentRevision(connection);
                try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM authz_relationships")) {
                    statement.setFetchSize(10_000);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            sink.accept(relationship(rows, 1));
                        }
                    }
                }
                connection.commit();
                return revision;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private interface WriteWork {
        long run(Connection connection) throws SQLException;
    }

    private long inWriteTransaction(WriteWork work) {
        try (Connection connection = writeSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                lockRevisions(connection);
                return work.run(connection);
            }
            connection.setAutoCommit(false);
            try {
                lockRevisions(connection);
                long revision = work.run(connection);
                connection.commit();
                return revision;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Held until the transaction ends, so the next writer reads the revision this one takes only once it is committed. */
    private static void lockRevisions(Connection connection) throws SQLException {
        try (Statement lock = connection.createStatement()) {
            lock.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.authz_revisions'))");
        }
    }

    private static long currentRevision(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT coalesce(max(revision), 0) FROM authz_revisions")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static long nextRevision(Connection connection) throws SQLException {
        long revision = currentRevision(connection) + 1;
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO authz_revisions (revision) VALUES (?)")) {
            statement.setLong(1, revision);
            statement.executeUpdate();
        }
        return revision;
    }

    private static void checkPreconditions(Connection connection, List<Precondition> preconditions) throws SQLException {
        for (Precondition precondition : preconditions) {
            if (!precondition.isSatisfiedBy(exists(connection, precondition.filter()))) {
                throw new PreconditionFailedException(precondition);
            }
        }
    }

    private static boolean exists(Connection connection, RelationshipFilter filter) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String where = where(filter, parameters);
        try (PreparedStatement statement = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM authz_relationships WHERE " + where + UNEXPIRED + ")")) {
            bind(statement, parameters);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private static void upsert(Connection connection, Relationship relationship, long revision) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO authz_relationships (" + COLUMNS + ", revision) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (resource_type, resource_id, relation, subject_type, subject_id, subject_relation) "
                + "DO UPDATE SET caveat_name = excluded.caveat_name, caveat_context = excluded.caveat_context, "
                + "expires_at = excluded.expires_at, revision = excluded.revision")) {
            bindRelationship(statement, relationship, 1);
            statement.setLong(10, revision);
            statement.executeUpdate();
        }
    }

    private static List<RelationshipChange> delete(Connection connection, RelationshipFilter filter, long revision) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String where = where(filter, parameters);
        List<RelationshipChange> changes = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM authz_relationships WHERE " + where + " RETURNING " + COLUMNS)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    changes.add(new RelationshipChange(revision, RelationshipChange.Kind.DELETE, relationship(rows, 1)));
                }
            }
        }
        return changes;
    }

    private static void recordChanges(Connection connection, List<RelationshipChange> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO authz_changes (revision, position, operation, " + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (RelationshipChange change : changes) {
                statement.setLong(1, change.revision());
                statement.setInt(2, position++);
                statement.setString(3, change.kind().name());
                bindRelationship(statement, change.relationship(), 4);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void bindRelationship(PreparedStatement statement, Relationship relationship, int first) throws SQLException {
        SubjectRef subject = relationship.subject();
        statement.setString(first, relationship.resource().type());
        statement.setString(first + 1, relationship.resource().id());
        statement.setString(first + 2, relationship.relation());
        statement.setString(first + 3, subject.type());
        statement.setString(first + 4, subject.id());
        statement.setString(first + 5, subject.relation() == null ? "" : subject.relation());
        statement.setString(first + 6, relationship.caveat() == null ? null : relationship.caveat().name());
        statement.setString(first + 7, relationship.caveat() == null ? null : JsonText.write(relationship.caveat().context()));
        statement.setTimestamp(first + 8, relationship.expiresAt() == null ? null : Timestamp.from(relationship.expiresAt()));
    }

    private static Relationship relationship(ResultSet rows, int first) throws SQLException {
        String subjectRelation = rows.getString(first + 5);
        String caveatName = rows.getString(first + 6);
        String caveatContext = rows.getString(first + 7);
        Timestamp expiresAt = rows.getTimestamp(first + 8);
        CaveatReference caveat = caveatName == null ? null
                : new CaveatReference(caveatName, caveatContext == null ? null : JsonText.readObject(caveatContext));
        return new Relationship(new ObjectRef(rows.getString(first), rows.getString(first + 1)), rows.getString(first + 2),
                new SubjectRef(rows.getString(first + 3), rows.getString(first + 4), subjectRelation.isEmpty() ? null : subjectRelation),
                caveat, expiresAt == null ? null : expiresAt.toInstant());
    }

    private static String where(RelationshipFilter filter, List<Object> parameters) {
        StringBuilder where = new StringBuilder("resource_type = ?");
        parameters.add(filter.resourceType());
        append(where, parameters, "resource_id", filter.resourceId());
        append(where, parameters, "relation", filter.relation());
        append(where, parameters, "subject_type", filter.subjectType());
        append(where, parameters, "subject_id", filter.subjectId());
        if (filter.subjectRelation() != null) {
            append(where, parameters, "subject_relation",
                    RelationshipFilter.NO_RELATION.equals(filter.subjectRelation()) ? "" : filter.subjectRelation());
        }
        return where.toString();
    }

    private static void append(StringBuilder where, List<Object> parameters, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            parameters.add(value);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private static AuthzException unavailable(SQLException e) {
        return new AuthzException(AuthzErrorCode.STORE_UNAVAILABLE, "authorization store unavailable: " + e.getMessage(), e);
    }
}
