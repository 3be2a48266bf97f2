package org.haven.server.database;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What Haven needs of PostgreSQL, checked once at start-up so that an unsuitable server is reported plainly
 * instead of surfacing later as a syntax error in some rarely used statement. PostgreSQL 15 brings {@code MERGE},
 * which staged loads use.
 */
public final class PostgresPlatform {

    public static final int MINIMUM_VERSION_NUM = 150000;

    private PostgresPlatform() {}

    /** Returns the server version, e.g. {@code 18.1}, or throws when it is older than 15. */
    public static String verify(JdbcClient jdbc) {
        int versionNum = jdbc.sql("SELECT current_setting('server_version_num')::int").query(Integer.class).single();
        String version = jdbc.sql("SELECT current_setting('server_version')").query(String.class).single();
        if (versionNum < MINIMUM_VERSION_NUM) {
            throw new IllegalStateException("Haven needs PostgreSQL 15 or newer; the server at HAVEN_DB_URL runs " + version);
        }
        return version;
    }
}
