package org.haven.fhir.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import org.haven.fhir.CrawlListener;
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

    /** GET a FHIR JSON document, authenticated; retries are reported to {@code listener}. */
    public String get(URI url, CrawlListener listener) {
        return exchange(url, builder -> builder.GET().header("Accept", FHIR_JSON), true, listener);
    }

    /** POST a form without the FHIR credential (token requests authenticate themselves). */
    String postForm(URI url, String form, String authorizationHeader) {
        return exchange(url, builder -> builder
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", authorizationHeader), false, CrawlListener.NONE);
    }

    private String exchange(URI url, UnaryOperator<HttpRequest.Builder> request, boolean authenticated,
            CrawlListener listener) {
        boolean tokenRenewed = false;
        for (int attempt = 1; ; attempt++) {
            String credential = authenticated ? authorization.header().orElse(null) : null;
            Attempt outcome = attempt(url, request, credential);
            if (outcome.isSuccess()) {
                return outcome.body;
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

    private Attempt attempt(URI url, UnaryOperator<HttpRequest.Builder> request, String credential) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(settings.readTimeout());
        if (credential != null) {
            builder.header("Authorization", credential);
        }
        try {
            rateLimiter.acquire();
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(url, e);
        }
        CompletableFuture<HttpResponse<byte[]>> pending = null;
        try {
            pending = client.sendAsync(request.apply(builder).build(), HttpResponse.BodyHandlers.ofByteArray());
            // The request timeout covers the wait for headers only; this bounds the body too.
            HttpResponse<byte[]> response = pending.get(settings.readTimeout().toMillis() + 50, TimeUnit.MILLISECONDS);
            Optional<Duration> retryAfter = RetryAfter.parse(
                    response.headers().firstValue("Retry-After").orElse(null), clock);
            return new Attempt(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                    retryAfter, null);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return new Attempt(0, null, Optional.empty(), new HttpTimeoutException("request timed out"));
        } catch (ExecutionException e) {
            return new Attempt(0, null, Optional.empty(), e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (pending != null) {
                pending.cancel(true);
            }
            throw interrupted(url, e);
        } finally {
            inFlight.release();
        }
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

    private static FhirSourceException interrupted(URI url, InterruptedException e) {
        return new FhirSourceException(FhirError.INTERRUPTED, url, 0, url + " was interrupted", e);
    }

    private record Attempt(int status, String body, Optional<Duration> retryAfter, Throwable cause) {
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
