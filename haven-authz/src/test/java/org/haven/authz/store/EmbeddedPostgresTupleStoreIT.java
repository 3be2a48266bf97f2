package org.haven.authz.store;

import org.haven.testing.TestDatabase;
import org.haven.testing.TestPostgres;

class EmbeddedPostgresTupleStoreIT extends PostgresTupleStoreContract {

    @Override
    protected TestDatabase newDatabase() {
        return TestPostgres.embedded();
    }
}
