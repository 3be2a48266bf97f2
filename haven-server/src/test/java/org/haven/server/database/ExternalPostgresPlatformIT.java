package org.haven.server.database;

import org.haven.testing.TestDatabase;
import org.haven.testing.TestPostgres;

class ExternalPostgresPlatformIT extends DatabasePlatformContract {

    @Override
    protected TestDatabase newDatabase() {
        return TestPostgres.external();
    }
}
