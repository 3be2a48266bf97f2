package org.haven.fhir.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.haven.fhir.CrawlListener;
import org.haven.fhir.FhirAuth;
import org.haven.fhir.FhirError;
import org.haven.fhir.FhirSourceException;
import org.haven.fhir.FhirSourceSettings;

/**
 * Requests to one FHIR server with our own retry policy: 429 waits for {@code Retry-After}, 5xx, timeouts and lost
 * connections back off exponentially, every other failure stops at once. Every attempt waits for the rate limiter and
 * for one of {@code concurrency} permits, so the limits hold over all threads of a crawl. Redirects are not followed:
 * one would carry the credential to wherever it points.
 */
public final class FhirHttp {

    private static final String FHIR_JSON = "application/fhir+json";
    private static final String FHIR_NDJSON = "application/fhir+ndjson";
    /** An error body is read for its OperationOutcome only; a larger one is cut. */
    private static final int MAX_ERROR_BODY = 64 * 1024;
    /** Closes streamed bodies that stall, since a blocking read has no timeout of its own. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "fhir-stream-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final FhirSourceSettings settings;
    private final HttpClient client;
    private final RateLimiter rateLimiter;
    private final Semaphore inFlight;
    private final Backoff backoff;
    private final Clock clock;
    private final Authorization authorization;

    public FhirHttp(FhirSourceSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.rateLimiter = new RateLimiter(settings.requestsPerSecond());
        this.inFlight = new Semaphore(settings.concurrency(), true);
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.authorization = Authorization.of(settings.auth(), this, clock);
    }

    /** An answer the caller judges by its status: a 2xx, or a status it asked to see rather than have handled. */
    public record Response(int status, String body, HttpHeaders headers, Optional<Duration> retryAfter) {

        public Optional<String> header(String name) {
            return headers == null ? Optional.empty() : headers.firstValue(name);
        }
    }

    /** GET a FHIR JSON document, authenticated; retries are reported to {@code listener}. */
    public String get(URI url, CrawlListener listener) {
        return send(url, builder -> builder.GET().header("Accept", FHIR_JSON), Set.of(), listener).body();
    }

    /**
     * Sends an authenticated request under the retry policy. A 2xx is returned; so is a status in
     * {@code passThrough}, without retrying it, for the caller to judge; any other failure throws as {@link #get}.
     */
    public Response send(URI url, UnaryOperator<HttpRequest.Builder> request, Set<Integer> passThrough,
            CrawlListener listener) {
        Attempt outcome = withRetries(url, true, passThrough, listener,
                credential -> attempt(url, request, credential));
        return new Response(outcome.status, outcome.body, outcome.headers, outcome.retryAfter);
    }

    /**
     * One authenticated attempt and no retry, for courtesy calls whose failure changes nothing (telling a server it
     * may clean up). The status, or 0 when no answer came.
     */
    public int sendOnce(URI url, UnaryOperator<HttpRequest.Builder> request) {
        try {
            return attempt(url, request, authorization.header().orElse(null)).status;
        } catch (FhirSourceException e) {
            return 0;
        }
    }

    /**
     * GET an NDJSON file and hand each line to {@code lines} as it arrives, never holding the whole body. The
     * credential goes along only when {@code authenticated}. A read that breaks off or stalls for the read timeout is
     * retried like a lost connection, resuming after the lines already handed over (an export's files do not change).
     * An exception thrown by {@code lines} stops the download and propagates. Returns the number of lines read.
     */
    public long readLines(URI url, boolean authenticated, Consumer<String> lines, CrawlListener listener) {
        long[] done = {0};
        withRetries(url, authenticated, Set.of(), listener, credential -> stream(url, credential, done, lines));
        return done[0];
    }

    /** Whether a credential may go to {@code url}: the FHIR server's own origin, or the token endpoint's. */
    public boolean mayCarryCredential(URI url) {
        if (NextLinks.sameOrigin(settings.baseUrl(), url)) {
            return true;
        }
        return settings.auth() instanceof FhirAuth.ClientCredentials credentials
                && NextLinks.sameOrigin(credentials.tokenUrl(), url);
    }

    /** POST a form without the FHIR credential (token requests authenticate themselves). */
    String postForm(URI url, String form, String authorizationHeader) {
        return withRetries(url, false, Set.of(), CrawlListener.NONE, ignored -> attempt(url, builder -> builder
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", authorizationHeader), null)).body;
    }

    private interface AttemptFn {
        Attempt run(String credential);
    }

    private Attempt withRetries(URI url, boolean authenticated, Set<Integer> passThrough, CrawlListener listener,
            AttemptFn attemptFn) {
        boolean tokenRenewed = false;
        for (int attempt = 1; ; attempt++) {
            String credential = authenticated ? authorization.header().orElse(null) : null;
            Attempt outcome = attemptFn.run(credential);
            if (outcome.isSuccess() || (outcome.cause == null && passThrough.contains(outcome.status))) {
                return outcome;
            }
            if (outcome.status == 401 && credential != null && authorization.canRenew() && !tokenRenewed) {
                // An access token can be revoked or expire early; one fresh token settles which it was.
                authorization.renew(credential);
                tokenRenewed = true;
                attempt--;
                continue;
            }
            Failure failure = classify(url, outcome);
            if (!failure.error.isRetryable() || attempt >= settings.maxAttempts()) {
                throw failure.exception(attempt);
            }
            Duration delay = outcome.retryAfter.isPresent() ? outcome.retryAfter.get() : backoff.afterAttempt(attempt);
            if (delay.compareTo(settings.maxBackoff()) > 0) {
                throw new FhirSourceException(FhirError.RATE_LIMITED, url, outcome.status, url
                        + " asked to wait " + delay.toSeconds() + " s (Retry-After), more than max_backoff "
                        + settings.maxBackoff().toSeconds() + " s", null);
            }
            listener.retrying(url, attempt, failure.reason, delay);
            sleep(url, delay);
        }
    }

    private void acquire(URI url) {
        try {
            rateLimiter.acquire();
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(url, e);
        }
    }

    private HttpRequest.Builder builder(URI url, String credential) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(settings.readTimeout());
        if (credential != null) {
            builder.header("Authorization", credential);
        }
        return builder;
    }

    private Attempt attempt(URI url, UnaryOperator<HttpRequest.Builder> request, String credential) {
        HttpRequest.Builder builder = builder(url, credential);
        acquire(url);
        CompletableFuture<HttpResponse<byte[]>> pending = null;
        try {
            pending = client.sendAsync(request.apply(builder).build(), HttpResponse.BodyHandlers.ofByteArray());
            // The request timeout covers the wait for headers only; this bounds the body too.
            HttpResponse<byte[]> response = pending.get(settings.readTimeout().toMillis() + 50, TimeUnit.MILLISECONDS);
            return new Attempt(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                    response.headers(), retryAfter(response), null);
        } catch (TimeoutException | ExecutionException | InterruptedException e) {
            return unanswered(url, pending, e);
        } finally {
            inFlight.release();
        }
    }

    /** One attempt at an NDJSON download; {@code done[0]} counts the lines handed over by every attempt so far. */
    private Attempt stream(URI url, String credential, long[] done, Consumer<String> lines) {
        HttpRequest request = builder(url, credential).GET().header("Accept", FHIR_NDJSON).build();
        acquire(url);
        CompletableFuture<HttpResponse<InputStream>> pending = null;
        ScheduledFuture<?> watchdog = null;
        Stall stall = new Stall(settings.readTimeout());
        try {
            pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
            HttpResponse<InputStream> response = pending.get(settings.readTimeout().toMillis() + 50,
                    TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            if (status < 200 || status >= 300) {
                try (InputStream in = response.body()) {
                    String body = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
                    return new Attempt(status, body, response.headers(), retryAfter(response), null);
                }
            }
            try (InputStream in = response.body();
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                long period = Math.max(10, settings.readTimeout().toMillis() / 4);
                watchdog = WATCHDOG.scheduleAtFixedRate(() -> stall.closeIfStalled(in), period, period,
                        TimeUnit.MILLISECONDS);
                long line = 0;
                String text;
                while ((text = reader.readLine()) != null) {
                    stall.progress();
                    line++;
                    if (line <= done[0]) {
                        continue; // handed over by an earlier attempt
                    }
                    if (!text.isBlank()) {
                        lines.accept(text);
                    }
                    done[0] = line;
                }
                if (stall.stalled) {
                    return Attempt.failed(new HttpTimeoutException("stalled"));
                }
                return new Attempt(status, null, response.headers(), Optional.empty(), null);
            }
        } catch (IOException e) {
            return Attempt.failed(stall.stalled ? new HttpTimeoutException("stalled") : e);
        } catch (TimeoutException | ExecutionException | InterruptedException e) {
            return unanswered(url, pending, e);
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            inFlight.release();
        }
    }

    /** When a streamed body last made progress; closes it once it has been quiet for the read timeout. */
    private static final class Stall {
        private final long limitNanos;
        private volatile long lastProgress = System.nanoTime();
        private volatile boolean stalled;

        Stall(Duration limit) {
            this.limitNanos = limit.toNanos();
        }

        void progress() {
            lastProgress = System.nanoTime();
        }

        void closeIfStalled(InputStream in) {
            if (!stalled && System.nanoTime() - lastProgress > limitNanos) {
                stalled = true;
                try {
                    in.close();
                } catch (IOException e) {
                    // Closing is all we wanted; the reader sees the stream end or fail.
                }
            }
        }
    }

    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        return RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock);
    }

    private Failure classify(URI url, Attempt outcome) {
        if (outcome.cause != null) {
            Throwable cause = outcome.cause;
            boolean timeout = cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException);
            String reason = describe(cause);
            return new Failure(url, timeout ? FhirError.TIMEOUT : FhirError.UNREACHABLE, 0, reason, cause);
        }
        int status = outcome.status;
        String reason = "HTTP " + status;
        FhirError error;
        if (status == 429) {
            error = FhirError.RATE_LIMITED;
        } else if (status >= 500) {
            error = FhirError.SERVER_ERROR;
        } else if (status == 401 || status == 403) {
            error = FhirError.AUTHENTICATION_FAILED;
        } else {
            error = FhirError.REQUEST_REJECTED;
            String diagnostics = OperationOutcomes.diagnostics(outcome.body);
            if (!diagnostics.isEmpty()) {
                reason = reason + " (" + diagnostics + ")";
            }
        }
        return new Failure(url, error, status, reason, null);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
            return "cannot connect (" + cause.getClass().getSimpleName() + ")";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no response within the read timeout";
        }
        if (cause instanceof IOException) {
            return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return cause.toString();
    }

    private void sleep(URI url, Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(url, e);
        }
    }

    /**
     * An attempt whose response headers did not come: timed out (the request is cancelled), failed (its cause), or
     * interrupted (cancelled, and the crawl stops).
     */
    private static Attempt unanswered(URI url, CompletableFuture<?> pending, Exception e) {
        if (e instanceof ExecutionException failed) {
            return Attempt.failed(failed.getCause() == null ? failed : failed.getCause());
        }
        if (pending != null) {
            pending.cancel(true);
        }
        if (e instanceof InterruptedException interruption) {
            Thread.currentThread().interrupt();
            throw interrupted(url, interruption);
        }
        return Attempt.failed(new HttpTimeoutException("request timed out"));
    }

    private static FhirSourceException interrupted(URI url, InterruptedException e) {
        return new FhirSourceException(FhirError.INTERRUPTED, url, 0, url + " was interrupted", e);
    }

    private record Attempt(int status, String body, HttpHeaders headers, Optional<Duration> retryAfter,
            Throwable cause) {

        static Attempt failed(Throwable cause) {
            return new Attempt(0, null, null, Optional.empty(), cause);
        }

        boolean isSuccess() {
            return cause == null && status >= 200 && status < 300;
        }
    }

    private record Failure(URI url, FhirError error, int status, String reason, Throwable cause) {

        FhirSourceException exception(int attempts) {
            String message = url + " failed" + (attempts > 1 ? " after " + attempts + " attempts" : "") + ": "
                    + reason;
            return new FhirSourceException(error, url, status, message, cause);
        }
    }
}
