package org.haven.bench.http.bare;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The benchmarks' baselines inside the server under test: {@code GET /bench/bare/tenants/{id}}, the same lookup and
 * rendering as {@code GET /api/v1/tenants/{id}} with rate limiting, authentication, authorisation and audit left out,
 * and {@code GET /bench/bare/patients/{id}} and {@code /bench/bare/observations}, the FHIR read API's statements
 * without them (see {@link BareFhirReadController}).
 *
 * <p>This class never ships with Haven. It lives in {@code haven-bench-server-extension.jar}, which only the
 * benchmarks put on the server's loader path (Spring Boot's {@code PropertiesLauncher} with
 * {@code loader.path}); it is picked up as an auto-configuration from that jar alone.
 */
@AutoConfiguration
@Import({BareTenantController.class, BareFhirReadController.class})
public class BareEndpointConfiguration {

    /** Where every baseline endpoint lives: outside {@code /api/v1}, so the rate limiter does not apply. */
    static final String PATH = "/bench/bare";

    /** Ahead of Haven's own chain, and only for the baselines' paths: no credentials asked for, none looked at. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain bareBaseline(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(PATH + "/**")
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .anonymous(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
