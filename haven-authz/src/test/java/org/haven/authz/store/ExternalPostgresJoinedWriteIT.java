package org.haven.authz.store;

import org.haven.testing.TestDatabase;
import org.haven.testing.TestPostgres;

class ExternalPostgresJoinedWriteIT extends PostgresJoinedWriteContract {

    @Override
    protected TestDatabase newDatabase() {
        return TestPostgres.external();
    }
}
