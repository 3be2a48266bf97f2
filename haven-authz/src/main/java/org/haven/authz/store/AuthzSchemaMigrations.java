package org.haven.authz.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates or upgrades the engine's tables in the connection's current schema. The engine keeps its own Flyway
 * history table, so it can share a database (and a schema) with the application's own migrations.
 */
public final class AuthzSchemaMigrations {

    public static final String LOCATION = "classpath:org/haven/authz/db/migration";
    public static final String HISTORY_TABLE = "authz_schema_history";

    private AuthzSchemaMigrations() {}

    public static void apply(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
