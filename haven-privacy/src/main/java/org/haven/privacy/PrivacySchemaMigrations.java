package org.haven.privacy;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Creates or upgrades the privacy tables (wrapped keysets) in the connection's current schema. The library keeps
 * its own Flyway history table, so it shares a database and a schema with the application's migrations.
 */
public final class PrivacySchemaMigrations {

    public static final String LOCATION = "classpath:org/haven/privacy/db/migration";
    public static final String HISTORY_TABLE = "privacy_schema_history";

    private PrivacySchemaMigrations() {
    }

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
