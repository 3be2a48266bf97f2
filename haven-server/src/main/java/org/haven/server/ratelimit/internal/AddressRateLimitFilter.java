package org.haven.server.ratelimit.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.haven.server.ratelimit.LimitClass;
import org.haven.server.ratelimit.RateLimitSettings;
import org.haven.server.ratelimit.RateLimiter;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits API requests by client address before authentication runs, so that neither a flood nor a password guesser
 * costs a token check or a password hash: the per-address ceiling for every request, the sign-in budget for sign-in.
 * The address is the one the server's forwarded-header handling settled on.
 */
@Component
@Order(AddressRateLimitFilter.ORDER)
final class AddressRateLimitFilter extends OncePerRequestFilter {

    /** Just before Spring Security's filter chain at its default position (-100). */
    static final int ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1;

    private final RateLimiter limiter;
    private final RateLimitResponses responses;
    private final boolean enabled;

    AddressRateLimitFilter(RateLimiter limiter, RateLimitResponses responses, RateLimitSettings settings) {
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
        String subject = ClientAddresses.subjectOf(request.getRemoteAddr());
        if (!admitted(LimitClass.ADDRESS, subject, response)) {
            return;
        }
        if (ApiRoutes.isSignIn(request) && !admitted(LimitClass.SIGN_IN, subject, response)) {
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean admitted(LimitClass limitClass, String subject, HttpServletResponse response) throws IOException {
        return responses.admit(limiter.tryAcquire(limitClass, subject), limitClass, response);
    }
}
