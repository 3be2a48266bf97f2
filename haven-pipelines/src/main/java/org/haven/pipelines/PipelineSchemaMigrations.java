package org.haven.pipelines;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates or upgrades the engine's tables (including db-scheduler's {@code scheduled_tasks}) in the connection's
 * current schema. The engine keeps its own Flyway history table, so it can share a schema with the application's
 * migrations.
 */
public final class PipelineSchemaMigrations {

    public static final String LOCATION = "classpath:org/haven/pipelines/db/migration";
    public static final String HISTORY_TABLE = "pipeline_schema_history";

    private PipelineSchemaMigrations() {}

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
