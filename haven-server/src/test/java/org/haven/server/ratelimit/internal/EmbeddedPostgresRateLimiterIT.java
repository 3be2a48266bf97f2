package org.haven.server.ratelimit.internal;

import org.haven.testing.TestDatabase;
import org.haven.testing.TestPostgres;

class EmbeddedPostgresRateLimiterIT extends RateLimiterContract {

    @Override
    protected TestDatabase newDatabase() {
        return TestPostgres.embedded();
    }
}
