package org.haven.server.ratelimit.internal;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.micrometer.core.instrument.MeterRegistry;
import org.haven.server.database.MigratedDatabase;
import org.haven.server.ratelimit.RateLimitSettings;
import org.haven.server.ratelimit.RateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets(MigratedDatabase database) {
        // Wall-clock milliseconds: buckets are shared by replicas, so they must agree on the time, which a
        // process-local nanosecond clock would not.
        return PostgresBuckets.open(database.dataSource(), TimeMeter.SYSTEM_MILLISECONDS);
    }

    @Bean
    RateLimiter rateLimiter(PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets, RateLimitSettings settings,
            MeterRegistry meters) {
        return new Bucket4jRateLimiter(rateLimitBuckets, settings, meters);
    }

    @Bean
    ExpiredBucketPurge expiredBucketPurge(PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets,
            RateLimitSettings settings) {
        return new ExpiredBucketPurge(rateLimitBuckets, settings.purgeInterval());
    }
}
