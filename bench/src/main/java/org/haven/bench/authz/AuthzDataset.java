package org.haven.bench.authz;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.haven.authz.store.AuthzSchemaMigrations;

/**
 * About one million relationships written straight into PostgreSQL with set-based SQL (so preparing the benchmark
 * takes seconds): 1,000 groups of 50 users, 20,000 folders in a tree ten wide, 300,000 documents each in a folder
 * with a reader and a writer, and one user who reads 10,000 documents directly.
 */
final class AuthzDataset {

    static final String SCHEMA = """
            definition user {}
            definition group {
              relation member: user
            }
            definition folder {
              relation parent: folder
              relation viewer: user | group#member
              permission view = viewer + parent->view
            }
            definition document {
              relation folder: folder
              relation reader: user
              relation writer: user
              permission edit = writer
              permission read = reader + edit + folder->view
            }
            """;

    static final int GROUPS = 1_000;
    static final int USERS_PER_GROUP = 50;
    static final int FOLDERS = 20_000;
    static final int DOCUMENTS = 300_000;
    static final int POWER_USER_DOCUMENTS = 10_000;

    private AuthzDataset() {}

    static void load(DataSource dataSource) throws SQLException {
        AuthzSchemaMigrations.apply(dataSource);
        String insert = "INSERT INTO authz_relationships (resource_type, resource_id, relation, subject_type, subject_id, subject_relation, revision) ";
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO authz_revisions (revision) VALUES (1)");
            sql.execute(insert + "SELECT 'group', 'g' || (u / " + USERS_PER_GROUP + "), 'member', 'user', 'u' || u, '', 1 FROM generate_series(0, "
                    + (GROUPS * USERS_PER_GROUP - 1) + ") u");
            sql.execute(insert + "SELECT 'folder', 'f' || f, 'parent', 'folder', 'f' || (f / 10), '', 1 FROM generate_series(1, " + (FOLDERS - 1) + ") f");
            sql.execute(insert + "SELECT 'folder', 'f' || f, 'viewer', 'group', 'g' || (f % " + GROUPS + "), 'member', 1 FROM generate_series(0, "
                    + (FOLDERS - 1) + ") f");
            sql.execute(insert + "SELECT 'document', 'd' || d, 'folder', 'folder', 'f' || (d % " + FOLDERS + "), '', 1 FROM generate_series(0, "
                    + (DOCUMENTS - 1) + ") d");
            sql.execute(insert + "SELECT 'document', 'd' || d, 'reader', 'user', 'u' || ((d * 7) % " + (GROUPS * USERS_PER_GROUP) + "), '', 1 "
                    + "FROM generate_series(0, " + (DOCUMENTS - 1) + ") d");
            sql.execute(insert + "SELECT 'document', 'd' || d, 'writer', 'user', 'u' || ((d * 13 + 1) % " + (GROUPS * USERS_PER_GROUP) + "), '', 1 "
                    + "FROM generate_series(0, " + (DOCUMENTS - 1) + ") d");
            sql.execute(insert + "SELECT 'document', 'd' || d, 'reader', 'user', 'power', '', 1 FROM generate_series(0, " + (POWER_USER_DOCUMENTS - 1) + ") d");
            sql.execute("ANALYZE authz_relationships");
        }
    }
}
