package org.haven.bench.fhir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baseline: the least work that still pages through the same resources as an ingest. A plain JDK HTTP client
 * (configured like the crawl's) follows {@code next} links of {@code Patient?address-postalcode=} and, for each
 * patient as its page arrives, of {@code Observation?subject=}, with at most {@code concurrency} requests in flight
 * over the whole walk, as the crawl allows. Each body is read whole and parsed into a JSON tree only to find the
 * entries' ids and the next link; nothing is kept, flattened or written.
 */
final class RawFhirPaging {

    record Result(long nanos, long patients, long observations, long requests, long bytes) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI baseUrl;
    private final int pageSize;
    private final int concurrency;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    RawFhirPaging(URI baseUrl, int pageSize, int concurrency) {
        this.baseUrl = baseUrl;
        this.pageSize = pageSize;
        this.concurrency = concurrency;
    }

    Result run(String postalCode) throws Exception {
        Semaphore inFlight = new Semaphore(concurrency, true);
        AtomicLong observations = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long patients = 0;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> searches = new ArrayList<>();
            URI next = URI.create(baseUrl + "/Patient?address-postalcode=" + encode(postalCode) + "&_count=" + pageSize);
            while (next != null) {
                JsonNode bundle = get(next, inFlight, requests, bytes);
                for (JsonNode entry : bundle.path("entry")) {
                    String id = entry.path("resource").path("id").asString();
                    patients++;
                    searches.add(pool.submit(() -> {
                        URI page = URI.create(baseUrl + "/Observation?subject=" + encode("Patient/" + id) + "&_count="
                                + pageSize);
                        while (page != null) {
                            JsonNode observationBundle = get(page, inFlight, requests, bytes);
                            for (JsonNode observation : observationBundle.path("entry")) {
                                if (!observation.path("resource").path("id").asString().isEmpty()) {
                                    observations.incrementAndGet();
                                }
                            }
                            page = nextLink(page, observationBundle);
                        }
                        return null;
                    }));
                }
                next = nextLink(next, bundle);
            }
            for (Future<?> search : searches) {
                try {
                    search.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("baseline paging failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(System.nanoTime() - start, patients, observations.get(), requests.get(), bytes.get());
    }

    private JsonNode get(URI url, Semaphore inFlight, AtomicLong requests, AtomicLong bytes)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/fhir+json").GET().build();
        byte[] body;
        inFlight.acquire();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
            }
            body = response.body();
        } finally {
            inFlight.release();
        }
        requests.incrementAndGet();
        bytes.addAndGet(body.length);
        return JSON.readTree(body);
    }

    private static URI nextLink(URI current, JsonNode bundle) {
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asString())) {
                return current.resolve(link.path("url").asString());
            }
        }
        return null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
