package org.haven.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.haven.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the server relies on from its relational store, run against every PostgreSQL Haven supports: the
 * embedded one and an external server. A subclass supplies the database.
 */
abstract class DatabasePlatformContract {

    private TestDatabase database;
    private JdbcClient jdbc;

    protected abstract TestDatabase newDatabase();

    @BeforeEach
    void migrate() {
        database = newDatabase();
        DatabaseMigrations.apply(database.dataSource(), database.schema());
        jdbc = JdbcClient.create(database.dataSource());
    }

    @AfterEach
    void dropSchema() {
        database.close();
    }

    @Test
    void serverIsSupported() {
        String version = PostgresPlatform.verify(jdbc);
        int major = Integer.parseInt(version.split("[.\\s]")[0]);
        assertThat(major).isGreaterThanOrEqualTo(15);
    }

    @Test
    void migrationsCreateTheirTablesInTheConfiguredSchemaOnly() {
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = :schema ORDER BY 1")
                .param("schema", database.schema()).query(String.class).list();
        assertThat(tables).contains("haven_schema_history", "idempotency_keys");
        assertThat(jdbc.sql("SELECT count(*) FROM information_schema.tables WHERE table_name = 'idempotency_keys' AND table_schema = 'public'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void migratingAgainChangesNothing() {
        var again = DatabaseMigrations.apply(database.dataSource(), database.schema());
        assertThat(again.migrationsExecuted).isZero();
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        TransactionTemplate transactions = new TransactionTemplate(new JdbcTransactionManager(database.dataSource()));
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO idempotency_keys (scope, idempotency_key, request_fingerprint) VALUES ('s', 'k', 'f')").update();
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys").query(Long.class).single()).isZero();
    }

    @Test
    void mergeUpsertsFromAStagingTable() {
        jdbc.sql("CREATE TABLE target (id int PRIMARY KEY, v text)").update();
        jdbc.sql("CREATE TABLE staging (id int, v text)").update();
        jdbc.sql("INSERT INTO target VALUES (1, 'old'), (2, 'same')").update();
        jdbc.sql("INSERT INTO staging VALUES (1, 'new'), (2, 'same'), (3, 'added')").update();
        jdbc.sql("""
                MERGE INTO target t USING staging s ON t.id = s.id
                WHEN MATCHED AND t.v IS DISTINCT FROM s.v THEN UPDATE SET v = s.v
                WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)""").update();
        assertThat(jdbc.sql("SELECT id || '=' || v FROM target ORDER BY id").query(String.class).list())
                .containsExactly("1=new", "2=same", "3=added");
    }

    @Test
    void skipLockedLetsWorkersClaimDifferentRows() throws Exception {
        jdbc.sql("CREATE TABLE jobs (id int PRIMARY KEY)").update();
        jdbc.sql("INSERT INTO jobs SELECT generate_series(1, 2)").update();
        try (Connection first = database.dataSource().getConnection(); Connection second = database.dataSource().getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            int claimedByFirst = claimOne(first);
            int claimedBySecond = claimOne(second);
            assertThat(claimedBySecond).isNotEqualTo(claimedByFirst);
            first.rollback();
            second.rollback();
        }
    }

    @Test
    void listenNotifyDeliversAcrossConnections() throws Exception {
        try (Connection listener = database.dataSource().getConnection(); Connection sender = database.dataSource().getConnection()) {
            listener.createStatement().execute("LISTEN haven_test");
            sender.createStatement().execute("NOTIFY haven_test, 'hello'");
            PGNotification[] received = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (received == null && System.nanoTime() < deadline) {
                received = listener.unwrap(PGConnection.class).getNotifications(500);
            }
            assertThat(received).isNotNull().extracting(PGNotification::getParameter).containsExactly("hello");
        }
    }

    @Test
    void notificationsReachSubscribersOfThisSchemaOnlyAndAGapIsReported() throws Exception {
        var heard = new java.util.concurrent.LinkedBlockingQueue<String>();
        var gaps = new java.util.concurrent.atomic.AtomicInteger();
        try (DatabaseNotifications notifications = new DatabaseNotifications(this::listenerConnection, database.schema())) {
            notifications.subscribe("haven_contract", new DatabaseNotifications.Subscriber() {
                @Override
                public void notified(String value) {
                    heard.add(value);
                }

                @Override
                public void missed() {
                    gaps.incrementAndGet();
                }
            });
            awaitListening(notifications);
            jdbc.sql("SELECT pg_notify('haven_contract', 'another_schema first')").query(String.class).single();
            jdbc.sql("SELECT pg_notify('haven_contract', :payload)").param("payload", database.schema() + " second")
                    .query(String.class).single();
            assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo("second");

            // A dropped connection: subscribers hear of the gap, and listening resumes on a new connection.
            jdbc.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name")
                    .param("name", listenerName()).query(Boolean.class).list();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (gaps.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(gaps.get()).isPositive();
            awaitListening(notifications);
            jdbc.sql("SELECT pg_notify('haven_contract', :payload)").param("payload", database.schema() + " third")
                    .query(String.class).single();
            assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo("third");
            assertThat(heard).isEmpty();
        }
    }

    private Connection listenerConnection() throws java.sql.SQLException {
        Connection connection = database.dataSource().getConnection();
        try (var statement = connection.createStatement()) {
            statement.execute("SET application_name = '" + listenerName() + "'");
        }
        return connection;
    }

    private String listenerName() {
        return "listener-" + database.schema();
    }

    private static void awaitListening(DatabaseNotifications notifications) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!notifications.listening("haven_contract") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(notifications.listening("haven_contract")).isTrue();
    }

    private static int claimOne(Connection connection) throws Exception {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT id FROM jobs ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")) {
            assertThat(rows.next()).isTrue();
            return rows.getInt(1);
        }
    }
}
