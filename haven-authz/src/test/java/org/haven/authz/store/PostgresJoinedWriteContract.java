package org.haven.authz.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.haven.authz.AuthzErrorCode;
import org.haven.authz.AuthzException;
import org.haven.authz.AuthzSettings;
import org.haven.authz.CheckRequest;
import org.haven.authz.Consistency;
import org.haven.authz.Precondition;
import org.haven.authz.PreconditionFailedException;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipFilter;
import org.haven.authz.RelationshipUpdate;
import org.haven.authz.RevisionToken;
import org.haven.authz.internal.IndexedAuthzEngine;
import org.haven.authz.schema.SchemaParser;
import org.haven.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Writes that join the caller's database transaction, as the server makes them: the relationship and the row it
 * protects commit or roll back together, and the in-memory view only ever shows what was committed.
 */
@Timeout(60)
abstract class PostgresJoinedWriteContract {

    private static final String SCHEMA = """
            definition user {}
            definition document {
              relation reader: user
              permission read = reader
            }
            """;
    private static final Duration NO_POLLING = Duration.ofHours(1);

    private TestDatabase database;
    private CallerTransactions caller;
    private PostgresTupleStore store;

    protected abstract TestDatabase newDatabase();

    @BeforeEach
    void createStore() throws SQLException {
        database = newDatabase();
        AuthzSchemaMigrations.apply(database.dataSource());
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE documents (id text PRIMARY KEY)");
        }
        caller = new CallerTransactions(database.dataSource());
        store = new PostgresTupleStore(database.dataSource(), caller);
    }

    @AfterEach
    void dropSchema() {
        database.close();
    }

    @Test
    void aJoinedWriteCommittedByTheCallerIsVisibleAfterCatchUp() throws SQLException {
        try (IndexedAuthzEngine engine = engine(NO_POLLING); IndexedAuthzEngine otherProcess = otherProcess()) {
            RevisionToken before = engine.indexedRevision();
            Connection transaction = caller.begin();
            insertDocument(transaction, "plan");
            RevisionToken token = engine.write(List.of(RelationshipUpdate.touch("document:plan#reader@user:alice")));

            assertThat(engine.indexedRevision()).isEqualTo(before);
            assertThat(engine.check(read("plan", "alice")).hasPermission()).isFalse();
            assertThat(store.read(RelationshipFilter.ofType("document"))).isEmpty();
            assertRevisionUnknown(() -> engine.catchUp(token));

            caller.commit();
            engine.catchUp(token);

            assertThat(engine.check(read("plan", "alice")).hasPermission()).isTrue();
            assertThat(otherProcess.check(read("plan", "alice").withConsistency(Consistency.atLeastAsFresh(token))).hasPermission()).isTrue();
            assertThat(documentExists("plan")).isTrue();
            engine.catchUp(token);
            assertThat(engine.indexedRevision()).isEqualTo(token);
        }
    }

    @Test
    void aJoinedWriteRolledBackLeavesNoRelationshipNoRevisionAndNeverReachesTheView() throws SQLException, InterruptedException {
        try (IndexedAuthzEngine engine = engine(Duration.ofMillis(50))) {
            RevisionToken before = engine.currentRevision();
            Connection transaction = caller.begin();
            insertDocument(transaction, "secret");
            RevisionToken token = engine.write(List.of(RelationshipUpdate.touch("document:secret#reader@user:eve")));

            caller.rollback();
            Thread.sleep(300);

            assertThat(documentExists("secret")).isFalse();
            assertThat(store.read(RelationshipFilter.ofType("document"))).isEmpty();
            assertThat(engine.currentRevision()).isEqualTo(before);
            assertThat(engine.indexedRevision()).isEqualTo(before);
            assertThat(engine.check(read("secret", "eve").withConsistency(Consistency.fullyConsistent())).hasPermission()).isFalse();
            assertRevisionUnknown(() -> engine.catchUp(token));

            RevisionToken next = engine.write(List.of(RelationshipUpdate.touch("document:plan#reader@user:bob")));

            assertThat(revision(next)).as("the rolled-back revision number is taken by the next commit").isEqualTo(revision(token));
            assertThat(engine.watch(before, 10).changes()).extracting(change -> change.relationship().toString())
                    .containsExactly("document:plan#reader@user:bob");
            assertThat(engine.check(read("secret", "eve").withConsistency(Consistency.atLeastAsFresh(next))).hasPermission()).isFalse();
        }
    }

    @Test
    void aJoinedDeleteRolledBackKeepsTheRelationship() throws SQLException {
        try (IndexedAuthzEngine engine = engine(NO_POLLING)) {
            engine.write(List.of(RelationshipUpdate.touch("document:plan#reader@user:alice")));
            caller.begin();
            engine.deleteRelationships(RelationshipFilter.ofType("document"), List.of());

            caller.rollback();

            assertThat(engine.check(read("plan", "alice").withConsistency(Consistency.fullyConsistent())).hasPermission()).isTrue();
            assertThat(store.read(RelationshipFilter.ofType("document"))).hasSize(1);
        }
    }

    @Test
    void preconditionsInAJoinedWriteSeeTheCallersEarlierWrites() throws SQLException {
        try (IndexedAuthzEngine engine = engine(NO_POLLING)) {
            RelationshipFilter aliceReads = filter("document:plan#reader@user:alice");
            caller.begin();
            RevisionToken first = engine.write(List.of(RelationshipUpdate.touch("document:plan#reader@user:alice")));
            RevisionToken second = engine.write(List.of(RelationshipUpdate.touch("document:plan#reader@user:bob")),
                    List.of(Precondition.mustMatch(aliceReads)));

            assertThatThrownBy(() -> engine.write(List.of(RelationshipUpdate.touch("document:plan#reader@user:carol")),
                    List.of(Precondition.mustNotMatch(aliceReads)))).isInstanceOf(PreconditionFailedException.class);
            assertThatThrownBy(() -> engine.write(List.of(RelationshipUpdate.create("document:plan#reader@user:alice"))))
                    .isInstanceOf(AuthzException.class)
                    .satisfies(e -> assertThat(((AuthzException) e).code()).isEqualTo(AuthzErrorCode.RELATIONSHIP_EXISTS));
            caller.commit();
            engine.catchUp(second);

            assertThat(revision(second)).isEqualTo(revision(first) + 1);
            assertThat(engine.check(read("plan", "alice")).hasPermission()).isTrue();
            assertThat(engine.check(read("plan", "bob")).hasPermission()).isTrue();
            assertThat(engine.check(read("plan", "carol")).hasPermission()).isFalse();
        }
    }

    @Test
    void aWriteOutsideACallerTransactionCommitsOnItsOwn() throws SQLException {
        try (IndexedAuthzEngine engine = engine(NO_POLLING); IndexedAuthzEngine otherProcess = otherProcess()) {
            RevisionToken token = engine.write(List.of(RelationshipUpdate.touch("document:plan#reader@user:alice")));

            assertThat(engine.indexedRevision()).isEqualTo(token);
            assertThat(engine.check(read("plan", "alice")).hasPermission()).isTrue();
            assertThat(otherProcess.check(read("plan", "alice").withConsistency(Consistency.atLeastAsFresh(token))).hasPermission()).isTrue();
            try (Connection connection = caller.getConnection()) {
                assertThat(connection.getAutoCommit()).isTrue();
            }
        }
    }

    @Test
    void otherWritersWaitForTheCallersCommitSoRevisionsCommitInOrder() throws Exception {
        try (IndexedAuthzEngine engine = engine(NO_POLLING); IndexedAuthzEngine otherProcess = otherProcess()) {
            caller.begin();
            RevisionToken joined = engine.write(List.of(RelationshipUpdate.touch("document:plan#reader@user:alice")));
            CompletableFuture<RevisionToken> waiting = CompletableFuture.supplyAsync(
                    () -> otherProcess.write(List.of(RelationshipUpdate.touch("document:plan#reader@user:bob"))));

            Thread.sleep(300);
            assertThat(waiting).isNotDone();
            caller.commit();
            RevisionToken after = waiting.get(30, TimeUnit.SECONDS);

            assertThat(revision(after)).isEqualTo(revision(joined) + 1);
            assertThat(otherProcess.check(read("plan", "alice")).hasPermission()).isTrue();
        }
    }

    private IndexedAuthzEngine engine(Duration refreshInterval) {
        return IndexedAuthzEngine.start(SchemaParser.parse(SCHEMA), store, AuthzSettings.defaults().withRefreshInterval(refreshInterval));
    }

    /** Another process on the same database, which never sees the caller's connection. */
    private IndexedAuthzEngine otherProcess() {
        return IndexedAuthzEngine.start(SchemaParser.parse(SCHEMA), new PostgresTupleStore(database.dataSource()),
                AuthzSettings.defaults().withRefreshInterval(NO_POLLING));
    }

    private long revision(RevisionToken token) {
        return token.revisionFor(store.storeId());
    }

    private static CheckRequest read(String document, String user) {
        return CheckRequest.parse("document:" + document + "#read@user:" + user);
    }

    private static RelationshipFilter filter(String relationship) {
        Relationship parsed = Relationship.parse(relationship);
        return RelationshipFilter.of(parsed.resource(), parsed.relation()).withSubject(parsed.subject());
    }

    private static void assertRevisionUnknown(Runnable catchUp) {
        assertThatThrownBy(catchUp::run)
                .isInstanceOf(AuthzException.class)
                .satisfies(e -> assertThat(((AuthzException) e).code()).isEqualTo(AuthzErrorCode.REVISION_UNKNOWN));
    }

    private static void insertDocument(Connection transaction, String id) throws SQLException {
        try (PreparedStatement statement = transaction.prepareStatement("INSERT INTO documents (id) VALUES (?)")) {
            statement.setString(1, id);
            statement.executeUpdate();
        }
    }

    private boolean documentExists(String id) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM documents WHERE id = ?")) {
            statement.setString(1, id);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1) == 1;
            }
        }
    }
}
