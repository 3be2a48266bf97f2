package org.haven.server.idempotency.internal;

import org.haven.testing.TestDatabase;
import org.haven.testing.TestPostgres;

class ExternalPostgresIdempotencyKeysIT extends IdempotencyKeysContract {

    @Override
    protected TestDatabase newDatabase() {
        return TestPostgres.external();
    }
}
