package org.haven.server.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.haven.server.database.DatabaseMigrations;
import org.haven.server.database.MigratedDatabase;
import org.haven.server.ratelimit.RateLimitSettings;
import org.haven.server.ratelimit.RateLimiter;
import org.haven.server.web.ProblemWriter;
import org.haven.testing.TestDatabase;
import org.haven.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** The module's beans as the server wires them, over a migrated database, without starting the whole server. */
class RateLimitWiringIT {

    @EnableConfigurationProperties(RateLimitSettings.class)
    static class Settings {}

    @Test
    void theBeansWireUpBindTheirSettingsAndLimitSignIn() throws Exception {
        try (TestDatabase database = TestPostgres.embedded()) {
            DatabaseMigrations.apply(database.dataSource(), database.schema());
            new ApplicationContextRunner()
                    .withUserConfiguration(Settings.class, RateLimitConfiguration.class, RateLimitResponses.class,
                            AddressRateLimitFilter.class, PrincipalRateLimitFilter.class, ProblemWriter.class)
                    .withBean(JsonMapper.class, JsonMapper::new)
                    .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                    .withBean(MigratedDatabase.class, () -> new MigratedDatabase(database.dataSource()))
                    .withPropertyValues("haven.rate-limit.sign-in.capacity=1")
                    .run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(RateLimiter.class);
                        assertThat(context.getBean(RateLimitSettings.class).signIn().capacity()).isEqualTo(1);
                        assertThat(context.getBean(ExpiredBucketPurge.class).isRunning()).isTrue();

                        AddressRateLimitFilter filter = context.getBean(AddressRateLimitFilter.class);
                        assertThat(signIn(filter).getStatus()).isEqualTo(200);
                        MockHttpServletResponse refused = signIn(filter);
                        assertThat(refused.getStatus()).isEqualTo(429);
                        assertThat(refused.getHeader("Retry-After")).isEqualTo("60");
                    });
        }
    }

    private static MockHttpServletResponse signIn(AddressRateLimitFilter filter) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/auth/token");
        request.setRemoteAddr("192.0.2.1");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
