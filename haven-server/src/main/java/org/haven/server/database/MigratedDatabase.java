package org.haven.server.database;

import javax.sql.DataSource;

/** The application's database after start-up checks and migrations: depend on this, not on a raw DataSource. */
public record MigratedDatabase(DataSource dataSource) {}
