package org.haven.testing.fhir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Stands in front of the FHIR servlet: records requests and how many are in flight, checks the Authorization header,
 * plays scripted faults (a status with an optional Retry-After, or a delay) for matching requests, and rewrites
 * response bodies to serve resources the FHIR model would refuse to build.
 */
public final class FaultFilter implements Filter {

    /** One scripted reaction to a request. */
    public sealed interface Fault {
    }

    /** Answers {@code status} with an OperationOutcome, and {@code Retry-After: retryAfter} unless it is null. */
    public record Status(int status, String retryAfter) implements Fault {
    }

    /** Waits {@code millis} before serving the request normally. */
    public record Delay(long millis) implements Fault {
    }

    private record Script(Predicate<String> matches, Deque<Fault> faults) {
    }

    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Map<String, String> rewrites = new ConcurrentHashMap<>();
    private final List<Script> scripts = new CopyOnWriteArrayList<>();
    private volatile Predicate<String> authorization = header -> true;

    /** Plays {@code faults} in order to requests whose path and query contain {@code fragment}. */
    public void script(String fragment, Fault... faults) {
        scripts.add(new Script(url -> url.contains(fragment), new ArrayDeque<>(List.of(faults))));
    }

    /**
     * Answers 401 to every request whose {@code Authorization} header (null when absent) {@code accepts} refuses.
     * Every header is accepted until this is called.
     */
    public void requireAuthorization(Predicate<String> accepts) {
        authorization = accepts;
    }

    /** Replaces {@code from} by {@code to} in every response body from now on (applied in no set order). */
    public void rewrite(String from, String to) {
        rewrites.put(from, to);
    }

    /** Every request so far, as path and query, in arrival order. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Requests whose path and query contain {@code fragment}. */
    public List<String> requestsContaining(String fragment) {
        synchronized (requests) {
            return requests.stream().filter(url -> url.contains(fragment)).toList();
        }
    }

    /** The {@code Authorization} header of every request so far ({@code ""} when absent), in arrival order. */
    public List<String> authorizations() {
        synchronized (authorizations) {
            return List.copyOf(authorizations);
        }
    }

    /** The most requests that were ever in the filter at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String url = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        requests.add(url);
        String header = request.getHeader("Authorization");
        authorizations.add(header == null ? "" : header);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (!authorization.test(header)) {
                response.setStatus(401);
                return;
            }
            Fault fault = nextFault(url);
            if (fault instanceof Status status) {
                if (status.retryAfter() != null) {
                    response.setHeader("Retry-After", status.retryAfter());
                }
                response.setStatus(status.status());
                response.setContentType("application/fhir+json");
                response.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                        + "\"code\":\"transient\",\"diagnostics\":\"injected " + status.status() + "\"}]}");
                return;
            }
            if (fault instanceof Delay delay) {
                sleep(delay.millis());
            }
            if (rewrites.isEmpty()) {
                chain.doFilter(request, response);
                return;
            }
            Capture capture = new Capture(response);
            chain.doFilter(request, capture);
            String body = capture.body();
            for (Map.Entry<String, String> rewrite : rewrites.entrySet()) {
                body = body.replace(rewrite.getKey(), rewrite.getValue());
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private Fault nextFault(String url) {
        for (Script script : scripts) {
            if (script.matches().test(url)) {
                synchronized (script.faults()) {
                    Fault fault = script.faults().poll();
                    if (fault != null) {
                        return fault;
                    }
                }
            }
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps what the servlet writes so it can be rewritten. */
    private static final class Capture extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private PrintWriter writer;

        Capture(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }

                @Override
                public void write(int b) {
                    buffer.write(b);
                }
            };
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(buffer, StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void flushBuffer() {
        }

        @Override
        public void setContentLength(int length) {
        }

        @Override
        public void setContentLengthLong(long length) {
        }

        String body() {
            if (writer != null) {
                writer.flush();
            }
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
