package org.haven.server.ratelimit.internal;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Opens the bucket store in the {@code rate_limit_buckets} table (migration V4) of the connection's schema.
 *
 * <p>Bucket4j offers two PostgreSQL strategies. The advisory-lock one serialises on {@code pg_advisory_xact_lock}
 * with a number derived from the key: advisory locks share one namespace with everything else in the database
 * (Flyway takes them too), and different string keys can hash to the same lock. {@code SELECT ... FOR UPDATE} locks
 * only the bucket's own row, needs no key-to-number mapping and is what its purge of expired rows is built on, so
 * that is the one used here.
 */
final class PostgresBuckets {

    static final String TABLE = "rate_limit_buckets";

    /**
     * How long a bucket is kept after it would be full again. A full bucket is the same as no bucket, so it could go
     * at once; the margin covers clocks of replicas that disagree a little.
     */
    private static final Duration KEEP_AFTER_REFILL = Duration.ofMinutes(1);

    private PostgresBuckets() {}

    static PostgreSQLSelectForUpdateBasedProxyManager<String> open(DataSource dataSource, TimeMeter clock) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .idColumn("bucket_key")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                .clientClock(clock)
                .build();
    }
}
