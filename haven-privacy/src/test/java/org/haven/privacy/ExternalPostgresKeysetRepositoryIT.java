package org.haven.privacy;

import org.haven.testing.TestDatabase;
import org.haven.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;

/** The repository contract against the machine's PostgreSQL, in a fresh schema per test. */
class ExternalPostgresKeysetRepositoryIT extends KeysetRepositoryContract {

    private TestDatabase database;

    @Override
    protected KeysetRepository repository() {
        database = TestPostgres.external();
        PrivacySchemaMigrations.apply(database.dataSource());
        return KeysetRepositories.jdbc(database.dataSource());
    }

    @AfterEach
    void dropSchema() {
        if (database != null) {
            database.close();
        }
    }
}
