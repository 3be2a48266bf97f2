package org.haven.server.audit.internal;

import org.haven.testing.TestDatabase;
import org.haven.testing.TestPostgres;

class EmbeddedPostgresAuditLogIT extends AuditLogContract {

    @Override
    protected TestDatabase newDatabase() {
        return TestPostgres.embedded();
    }
}
