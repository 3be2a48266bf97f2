package org.haven.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty schema in a real PostgreSQL server, owned by one test. Connections handed out by
 * {@link #dataSource()} have that schema as their search path, so code under test uses unqualified
 * table names exactly as it does in production. Closing drops the schema and everything in it.
 */
public final class TestDatabase implements AutoCloseable {

    private final String kind;
    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String schema;
    private final PGSimpleDataSource dataSource;

    TestDatabase(String kind, String host, int port, String database, String user, String schema) {
        this.kind = kind;
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.schema = schema;
        this.dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {host});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(database);
        dataSource.setUser(user);
        dataSource.setCurrentSchema(schema);
        dataSource.setApplicationName("haven-test");
    }

    /** "embedded" or "external": handy as a display name in parameterised suites. */
    public String kind() {
        return kind;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String schema() {
        return schema;
    }

    public String user() {
        return user;
    }

    /** A JDBC URL that selects this database and schema, for code that builds its own pool. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?currentSchema=" + schema;
    }

    @Override
    public void close() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema, e);
        }
    }

    @Override
    public String toString() {
        return kind + " PostgreSQL " + host + ":" + port + "/" + database + " schema " + schema;
    }
}
