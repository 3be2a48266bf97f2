package org.haven.fhir;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a FHIR R4 server is and how hard Haven may use it. Checked on construction: a refusal lists every problem at
 * once ({@link FhirSettingsException}), so whoever configures a source fixes it in one go.
 *
 * @param baseUrl the server's base, e.g. {@code https://fhir.example.org/r4}; http only for a loopback host
 * @param pageSize {@code _count} asked of the server for every search (it may return fewer)
 * @param concurrency requests in flight at most, over the whole crawl
 * @param requestsPerSecond requests started per second at most, retries included
 * @param connectTimeout time to open a connection
 * @param readTimeout time from sending a request until its response arrives
 * @param maxAttempts attempts per request before the crawl fails, the first one included
 * @param initialBackoff wait before the second attempt after a server error or timeout; doubles per attempt
 * @param maxBackoff longest wait between attempts, also the longest {@code Retry-After} honoured
 */
public record FhirSourceSettings(URI baseUrl, FhirAuth auth, int pageSize, int concurrency, double requestsPerSecond,
        Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration initialBackoff,
        Duration maxBackoff) {

    public static final int MAX_PAGE_SIZE = 1000;
    public static final int MAX_CONCURRENCY = 64;
    public static final int MAX_ATTEMPTS = 20;

    public FhirSourceSettings {
        List<String> problems = new ArrayList<>();
        problems.addAll(urlProblems("base_url", baseUrl, auth != null && auth.sendsCredentials()));
        if (baseUrl != null && (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null)) {
            problems.add("base_url cannot have a query or fragment");
        }
        if (auth == null) {
            problems.add("auth is required (use none for an open server)");
        } else {
            problems.addAll(auth.problems());
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            problems.add("page_size must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            problems.add("concurrency must be between 1 and " + MAX_CONCURRENCY);
        }
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            problems.add("requests_per_second must be a positive number");
        }
        positive(problems, "connect_timeout", connectTimeout);
        positive(problems, "read_timeout", readTimeout);
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            problems.add("max_attempts must be between 1 and " + MAX_ATTEMPTS);
        }
        positive(problems, "initial_backoff", initialBackoff);
        positive(problems, "max_backoff", maxBackoff);
        if (isPositive(initialBackoff) && isPositive(maxBackoff) && initialBackoff.compareTo(maxBackoff) > 0) {
            problems.add("initial_backoff cannot be longer than max_backoff");
        }
        if (!problems.isEmpty()) {
            throw new FhirSettingsException(problems);
        }
        if (!baseUrl.getRawPath().endsWith("/")) {
            // Relative next links and resource paths resolve against the base as a directory.
            baseUrl = URI.create(baseUrl.toString() + "/");
        }
    }

    /** Settings with the defaults: 100 per page, 4 in flight, 10 requests a second, 10 s / 60 s, 5 attempts. */
    public static FhirSourceSettings of(URI baseUrl, FhirAuth auth) {
        return new FhirSourceSettings(baseUrl, auth, 100, 4, 10, Duration.ofSeconds(10), Duration.ofSeconds(60), 5,
                Duration.ofSeconds(1), Duration.ofMinutes(2));
    }

    public FhirSourceSettings withPageSize(int newPageSize) {
        return new FhirSourceSettings(baseUrl, auth, newPageSize, concurrency, requestsPerSecond, connectTimeout,
                readTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    public FhirSourceSettings withConcurrency(int newConcurrency) {
        return new FhirSourceSettings(baseUrl, auth, pageSize, newConcurrency, requestsPerSecond, connectTimeout,
                readTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    public FhirSourceSettings withRequestsPerSecond(double newRequestsPerSecond) {
        return new FhirSourceSettings(baseUrl, auth, pageSize, concurrency, newRequestsPerSecond, connectTimeout,
                readTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    public FhirSourceSettings withTimeouts(Duration newConnectTimeout, Duration newReadTimeout) {
        return new FhirSourceSettings(baseUrl, auth, pageSize, concurrency, requestsPerSecond, newConnectTimeout,
                newReadTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    public FhirSourceSettings withRetries(int newMaxAttempts, Duration newInitialBackoff, Duration newMaxBackoff) {
        return new FhirSourceSettings(baseUrl, auth, pageSize, concurrency, requestsPerSecond, connectTimeout,
                readTimeout, newMaxAttempts, newInitialBackoff, newMaxBackoff);
    }

    static List<String> urlProblems(String name, URI url, boolean carriesCredentials) {
        if (url == null) {
            return List.of(name + " is required");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return List.of(name + " must be an http or https URL");
        }
        if (url.getHost() == null) {
            return List.of(name + " must name a host");
        }
        List<String> problems = new ArrayList<>();
        if (url.getRawUserInfo() != null) {
            problems.add(name + " cannot hold credentials; put them in auth");
        }
        if (scheme.equals("http") && carriesCredentials && !isLoopback(url.getHost())) {
            problems.add(name + " must use https when credentials are sent (http only for a loopback host)");
        }
        return problems;
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: a name lookup here would make validation depend on DNS.
        if (!Character.isDigit(host.charAt(0)) && !host.startsWith("[")) {
            return false;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void positive(List<String> problems, String name, Duration value) {
        if (!isPositive(value)) {
            problems.add(name + " must be a positive duration");
        }
    }

    private static boolean isPositive(Duration value) {
        return value != null && !value.isNegative() && !value.isZero();
    }
}
