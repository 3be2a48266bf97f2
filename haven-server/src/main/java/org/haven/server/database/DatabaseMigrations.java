package org.haven.server.database;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a schema up to date with the server's Flyway migrations ({@code classpath:db/migration}). Each library
 * that owns tables (the authorization engine, for one) keeps its own migrations and history table, applied
 * alongside, so its schema can evolve with the library.
 */
public final class DatabaseMigrations {

    private DatabaseMigrations() {}

    public static MigrateResult apply(DataSource dataSource, String schema) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:db/migration")
                .table("haven_schema_history")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }
}
