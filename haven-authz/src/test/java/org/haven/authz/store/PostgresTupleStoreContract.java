package org.haven.authz.store;

import org.haven.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;

/** The store contract against a real PostgreSQL, in a fresh schema per test. */
abstract class PostgresTupleStoreContract extends TupleStoreContract {

    private TestDatabase database;

    protected abstract TestDatabase newDatabase();

    @Override
    protected TupleStore store() {
        database = newDatabase();
        AuthzSchemaMigrations.apply(database.dataSource());
        return new PostgresTupleStore(database.dataSource());
    }

    @Override
    protected TupleStore sameDataStore() {
        return new PostgresTupleStore(database.dataSource());
    }

    @AfterEach
    void dropSchema() {
        if (database != null) {
            database.close();
        }
    }
}
