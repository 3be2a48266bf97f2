package org.haven.server.idempotency.internal;

import org.haven.testing.TestDatabase;
import org.haven.testing.TestPostgres;

class EmbeddedPostgresIdempotencyKeysIT extends IdempotencyKeysContract {

    @Override
    protected TestDatabase newDatabase() {
        return TestPostgres.embedded();
    }
}
