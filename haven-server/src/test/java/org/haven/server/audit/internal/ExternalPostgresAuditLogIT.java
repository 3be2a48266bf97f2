package org.haven.server.audit.internal;

import org.haven.testing.TestDatabase;
import org.haven.testing.TestPostgres;

class ExternalPostgresAuditLogIT extends AuditLogContract {

    @Override
    protected TestDatabase newDatabase() {
        return TestPostgres.external();
    }
}
