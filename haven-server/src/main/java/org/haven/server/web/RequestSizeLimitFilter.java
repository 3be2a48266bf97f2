package org.haven.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.haven.server.config.HavenSettings;
import org.haven.server.errors.ErrorCode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies at {@code HAVEN_MAX_REQUEST_BYTES}. A declared length over the cap is refused before a byte
 * is read; a body without a declared length (chunked) is counted as it streams and cut off at the cap, so no
 * request can make the server buffer more than the cap. Routes declared as {@link StreamedBodyRoutes} stream to
 * storage under their own limits and are not capped here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ProblemWriter problems;
    private final List<StreamedBodyRoutes> streamed;

    RequestSizeLimitFilter(HavenSettings settings, ProblemWriter problems, ObjectProvider<StreamedBodyRoutes> streamed) {
        this.maxBytes = settings.http().maxRequestBytes();
        this.problems = problems;
        this.streamed = streamed.orderedStream().toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (streamed.stream().anyMatch(routes -> routes.matches(request))) {
            chain.doFilter(request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            // Close the connection: the rest of the body is not worth reading.
            response.setHeader("Connection", "close");
            problems.write(response, ErrorCode.PAYLOAD_TOO_LARGE, "The request body exceeds the limit of " + maxBytes + " bytes");
            return;
        }
        chain.doFilter(declared >= 0 ? request : new CappedRequest(request, maxBytes), response);
    }

    private static final class CappedRequest extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream capped;

        CappedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (capped == null) {
                capped = new CappedInputStream(super.getInputStream(), maxBytes);
            }
            return capped;
        }
    }

    private static final class CappedInputStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long maxBytes;
        private long count;

        CappedInputStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > maxBytes) {
                throw new PayloadTooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
