package org.haven.server.identity.internal;

import java.util.Map;
import org.haven.server.audit.AuditActor;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.config.HavenSettings;
import org.haven.server.errors.ErrorCode;
import org.haven.server.identity.ApiTokens;
import org.haven.server.identity.Users;
import org.haven.server.web.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Every request is authenticated by a bearer credential, except health, readiness, metrics (guarded by its own
 * token), the API documentation and sign-in. The API is stateless: no sessions, no cookies, so no CSRF surface.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String[] PUBLIC_PATHS = {
        "/healthz", "/readyz", "/metrics", "/docs", "/docs/**", "/swagger-ui/**", "/openapi.json", "/openapi.json/**", "/error"
    };

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, BearerTokenAuthenticator authenticator, ProblemWriter problems,
            AuditTrail audit) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, exception) -> {
            // Denials are audited too; the reason stays generic here as it does for the caller.
            audit.record(AuditActor.anonymous(), "authentication.rejected", null, Decision.DENIED,
                    request.getHeader("Authorization") == null ? "no credentials" : "invalid credentials",
                    Map.of("method", request.getMethod(), "path", request.getRequestURI()));
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(response, ErrorCode.UNAUTHENTICATED, "A valid bearer token is required");
        };
        AccessDeniedHandler forbidden = (request, response, exception) ->
                problems.write(response, ErrorCode.FORBIDDEN, "You do not have permission to do this");
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/login").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(request -> authenticator)
                        .authenticationEntryPoint(unauthenticated))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .build();
    }

    /**
     * Spring Security would otherwise wrap every filter of every chain, and each authentication and authorization,
     * in an observation: timings of framework internals that nobody graphs, paid on every request even when
     * disabled. Request metrics ({@code http.server.requests}) stay.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    BearerTokenAuthenticator bearerTokenAuthenticator(ApiTokens apiTokens, Users users, HavenSettings settings,
            ObjectProvider<LocalTokens> localTokens, PlatformRoles platformRoles) {
        return new BearerTokenAuthenticator(apiTokens, new RecentUsers(users),
                settings.localAccountsEnabled() ? localTokens.getObject() : null,
                settings.identity().oidc().configured() ? new OidcTokens(settings.identity().oidc()) : null,
                platformRoles);
    }
}
