package org.haven.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.haven.server.config.HavenSettings;
import org.haven.server.errors.ErrorCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /metrics}. With {@code HAVEN_METRICS_TOKEN} set, a scraper must send it as a bearer token; without
 * it (development only: production refuses to start so) only callers on this machine are served.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class MetricsAccessFilter extends OncePerRequestFilter {

    static final String PATH = "/metrics";

    private final byte[] expectedAuthorization;
    private final ProblemWriter problems;

    MetricsAccessFilter(HavenSettings settings, ProblemWriter problems) {
        this.expectedAuthorization = settings.metrics().open() ? null
                : ("Bearer " + settings.metrics().token()).getBytes(StandardCharsets.UTF_8);
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().equals(PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (allowed(request)) {
            chain.doFilter(request, response);
        } else if (expectedAuthorization != null) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"haven-metrics\"");
            problems.write(response, ErrorCode.UNAUTHENTICATED, "Metrics need the bearer token configured in HAVEN_METRICS_TOKEN");
        } else {
            problems.write(response, ErrorCode.FORBIDDEN, "Without HAVEN_METRICS_TOKEN, metrics are served to local callers only");
        }
    }

    private boolean allowed(HttpServletRequest request) {
        if (expectedAuthorization == null) {
            return isLoopback(request.getRemoteAddr());
        }
        String authorization = request.getHeader("Authorization");
        // Constant-time comparison: response timing must not reveal how much of a guess was right.
        return authorization != null
                && MessageDigest.isEqual(expectedAuthorization, authorization.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isLoopback(String address) {
        if (address == null || address.isEmpty() || !(Character.isDigit(address.charAt(0)) || address.indexOf(':') >= 0)) {
            return false; // only literal addresses: never a name lookup
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException notAnAddress) {
            return false;
        }
    }
}
