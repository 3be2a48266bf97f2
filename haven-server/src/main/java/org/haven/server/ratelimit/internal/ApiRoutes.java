package org.haven.server.ratelimit.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.haven.server.ratelimit.LimitClass;

/**
 * Which requests are limited, and by which class. Only the API under {@code /api/v1} is; health, readiness, metrics
 * and the API documentation are never limited, so probes and scrapers keep working while a client is refused.
 */
final class ApiRoutes {

    private static final String API = "/api/v1";
    private static final String SIGN_IN = API + "/auth";

    private ApiRoutes() {}

    static boolean isApi(HttpServletRequest request) {
        return isUnder(path(request), API);
    }

    static boolean isSignIn(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && isUnder(path(request), SIGN_IN);
    }

    /** The per-principal class of an API request; none for other methods (OPTIONS, say), which only the ceiling counts. */
    static Optional<LimitClass> principalClass(HttpServletRequest request) {
        if (!isApi(request)) {
            return Optional.empty();
        }
        return switch (request.getMethod()) {
            case "GET", "HEAD" -> Optional.of(LimitClass.READ);
            case "POST", "PUT", "PATCH", "DELETE" -> Optional.of(LimitClass.WRITE);
            default -> Optional.empty();
        };
    }

    /**
     * The path as the container mapped it: decoded, with {@code ..} and {@code ;parameters} resolved, so spelling a
     * path differently does not escape its class. Requests built without a servlet path fall back to the raw URI.
     */
    private static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        if (servletPath == null || servletPath.isEmpty()) {
            String uri = request.getRequestURI();
            String contextPath = request.getContextPath();
            return contextPath != null && uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
        }
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? servletPath : servletPath + pathInfo;
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
