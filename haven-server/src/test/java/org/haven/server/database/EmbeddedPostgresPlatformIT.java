package org.haven.server.database;

import org.haven.testing.TestDatabase;
import org.haven.testing.TestPostgres;

class EmbeddedPostgresPlatformIT extends DatabasePlatformContract {

    @Override
    protected TestDatabase newDatabase() {
        return TestPostgres.embedded();
    }
}
