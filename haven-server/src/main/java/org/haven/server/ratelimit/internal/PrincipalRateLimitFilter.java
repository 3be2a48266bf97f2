package org.haven.server.ratelimit.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.haven.server.ratelimit.LimitClass;
import org.haven.server.ratelimit.RateLimitSettings;
import org.haven.server.ratelimit.RateLimiter;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits API requests by the authenticated principal, reads and writes separately. It runs inside Spring Security's
 * filter chain's call, after authentication, so the security context holds the caller. Requests without a
 * principal are left to the per-address ceiling and to the authorization rules that refuse them.
 */
@Component
@Order(PrincipalRateLimitFilter.ORDER)
final class PrincipalRateLimitFilter extends OncePerRequestFilter {

    /** Just after Spring Security's filter chain at its default position (-100). */
    static final int ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1;

    private final RateLimiter limiter;
    private final RateLimitResponses responses;
    private final boolean enabled;
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    PrincipalRateLimitFilter(RateLimiter limiter, RateLimitResponses responses, RateLimitSettings settings) {
        this.limiter = limiter;
        this.responses = responses;
        this.enabled = settings.enabled();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled || !ApiRoutes.isApi(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<LimitClass> limitClass = ApiRoutes.principalClass(request);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (limitClass.isEmpty() || !trust.isAuthenticated(authentication)) {
            chain.doFilter(request, response);
            return;
        }
        if (responses.admit(limiter.tryAcquire(limitClass.get(), authentication.getName()), limitClass.get(), response)) {
            chain.doFilter(request, response);
        }
    }
}
