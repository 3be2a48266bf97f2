package org.haven.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** First filter of every request: assigns its id, echoes it in the response and writes one access log line. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

    private static final String REQUEST_ID_ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    private static final Logger accessLog = LoggerFactory.getLogger("haven.access");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // An error dispatch re-enters the filters for the same request: it keeps the id it was given.
        String requestId = (String) request.getAttribute(REQUEST_ID_ATTRIBUTE);
        boolean firstPass = requestId == null;
        if (firstPass) {
            requestId = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
            request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
            response.setHeader(RequestIds.HEADER, requestId);
        }
        long started = System.nanoTime();
        MDC.put(RequestIds.MDC_KEY, requestId);
        int status = 500; // what the container answers if the chain throws
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            if (firstPass) {
                logAccess(request, status, started);
            }
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private static void logAccess(HttpServletRequest request, int status, long started) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (isProbe(request)) {
            accessLog.debug("{} {} {} {}ms", request.getMethod(), request.getRequestURI(), status, millis);
        } else {
            accessLog.info("{} {} {} {}ms", request.getMethod(), request.getRequestURI(), status, millis);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        // The error dispatch belongs to the same request: keep its id in the MDC and the problem document.
        return false;
    }

    private static boolean isProbe(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.equals("/healthz") || uri.equals("/readyz") || uri.equals("/metrics");
    }
}
