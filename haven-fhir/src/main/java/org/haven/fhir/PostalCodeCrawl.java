package org.haven.fhir;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.haven.fhir.internal.BundlePage;
import org.haven.fhir.internal.FhirHttp;
import org.haven.fhir.internal.NextLinks;

/**
 * Reads every Patient of one postal code and every Observation of those patients from a FHIR R4 server, handing
 * each resource's JSON to a {@link ResourceSink}. Patients are paged on the calling thread with
 * {@code Patient?address-postalcode=}; each patient's Observations ({@code Observation?subject=Patient/{id}}) are
 * paged on a pool of {@code concurrency} threads while patient paging goes on. Requests obey the settings' limits
 * (see {@link FhirHttp}). The first request that fails for good stops the crawl with a {@link FhirSourceException};
 * what was handed to the sink until then is incomplete and should be discarded, and the crawl run again.
 *
 * <p>One instance may run many crawls, one after another or at once; an OAuth2 token is shared between them.
 */
public final class PostalCodeCrawl {

    public static final int MAX_POSTAL_CODE_LENGTH = 32;

    private final FhirSourceSettings settings;
    private final FhirHttp http;

    public PostalCodeCrawl(FhirSourceSettings settings) {
        this(settings, Clock.systemUTC());
    }

    PostalCodeCrawl(FhirSourceSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = new FhirHttp(settings, clock);
    }

    public CrawlSummary run(String postalCode, ResourceSink sink, CrawlListener listener) {
        checkPostalCode(postalCode);
        Objects.requireNonNull(sink, "sink");
        CrawlListener progress = listener == null ? CrawlListener.NONE : listener;
        return new Run(sink, progress).crawl(postalCode.strip());
    }

    static void checkPostalCode(String postalCode) {
        if (postalCode == null || postalCode.isBlank() || postalCode.strip().length() > MAX_POSTAL_CODE_LENGTH
                || postalCode.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a postal code is 1 to " + MAX_POSTAL_CODE_LENGTH
                    + " characters without control characters");
        }
    }

    /** The state of one crawl. */
    private final class Run {

        private final ResourceSink sink;
        private final CrawlListener listener;
        private final Set<String> patientIds = new HashSet<>();
        private final Set<String> observationIds = ConcurrentHashMap.newKeySet();
        private final AtomicLong pages = new AtomicLong();
        private final AtomicLong patients = new AtomicLong();
        private final AtomicLong observations = new AtomicLong();
        private final AtomicLong patientsWithoutId = new AtomicLong();
        private final AtomicLong duplicates = new AtomicLong();
        private final AtomicLong retries = new AtomicLong();
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        Run(ResourceSink sink, CrawlListener listener) {
            this.sink = sink;
            this.listener = new CountingListener(listener, retries);
        }

        CrawlSummary crawl(String postalCode) {
            URI first = settings.baseUrl().resolve("Patient?address-postalcode=" + encode(postalCode)
                    + "&_count=" + settings.pageSize());
            ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency(), threads());
            List<Future<?>> tasks = new ArrayList<>();
            try {
                for (BundlePage page : pages(first, ResourceKind.PATIENT)) {
                    for (BundlePage.Entry entry : page.entries()) {
                        if (entry.id() == null) {
                            patientsWithoutId.incrementAndGet();
                            deliver(() -> sink.patient(entry.json()));
                            patients.incrementAndGet();
                        } else if (patientIds.add(entry.id())) {
                            deliver(() -> sink.patient(entry.json()));
                            patients.incrementAndGet();
                            tasks.add(pool.submit(() -> observationsOf(entry.id())));
                        } else {
                            duplicates.incrementAndGet();
                        }
                    }
                    throwIfFailed();
                }
                for (Future<?> task : tasks) {
                    task.get();
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FhirSourceException(FhirError.INTERRUPTED, first, 0, "crawl was interrupted", e);
            } finally {
                pool.shutdownNow();
            }
            throwIfFailed();
            return new CrawlSummary(pages.get(), patients.get(), observations.get(), patientsWithoutId.get(),
                    duplicates.get(), retries.get());
        }

        private void observationsOf(String patientId) {
            if (failure.get() != null) {
                return;
            }
            try {
                URI first = settings.baseUrl().resolve("Observation?subject=" + encode("Patient/" + patientId)
                        + "&_count=" + settings.pageSize());
                int count = 0;
                for (BundlePage page : pages(first, ResourceKind.OBSERVATION)) {
                    for (BundlePage.Entry entry : page.entries()) {
                        // Observations without an id cannot be deduplicated; they are staged and rejected later.
                        if (entry.id() == null || observationIds.add(entry.id())) {
                            deliver(() -> sink.observation(entry.json()));
                            observations.incrementAndGet();
                            count++;
                        } else {
                            duplicates.incrementAndGet();
                        }
                    }
                    if (failure.get() != null) {
                        return;
                    }
                }
                listener.patientDone(patientId, count);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                throw e;
            }
        }

        /** The pages of a search, fetched lazily, following {@code next} links until there is none. */
        private Iterable<BundlePage> pages(URI first, ResourceKind kind) {
            return () -> new java.util.Iterator<>() {
                private URI next = first;
                private final Set<URI> seen = new HashSet<>();

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public BundlePage next() {
                    URI url = next;
                    if (!seen.add(url)) {
                        throw new FhirSourceException(FhirError.INVALID_RESPONSE, url, 200,
                                url + " was linked as the next page twice; the server's paging loops", null);
                    }
                    BundlePage page = BundlePage.parse(url, http.get(url, listener), kind);
                    pages.incrementAndGet();
                    listener.pageFetched(kind, url, page.entries().size());
                    next = page.nextLink().map(link -> NextLinks.resolve(settings.baseUrl(), url, link)).orElse(null);
                    return page;
                }
            };
        }

        private void deliver(Runnable call) {
            synchronized (sink) {
                call.run();
            }
        }

        private void throwIfFailed() {
            RuntimeException failed = failure.get();
            if (failed != null) {
                throw failed;
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ThreadFactory threads() {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "fhir-observations-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Counts retries for the summary while passing every event on. */
    private record CountingListener(CrawlListener delegate, AtomicLong retries) implements CrawlListener {

        @Override
        public void pageFetched(ResourceKind kind, URI url, int resources) {
            delegate.pageFetched(kind, url, resources);
        }

        @Override
        public void retrying(URI url, int attempt, String reason, java.time.Duration delay) {
            retries.incrementAndGet();
            delegate.retrying(url, attempt, reason, delay);
        }

        @Override
        public void patientDone(String patientId, int observations) {
            delegate.patientDone(patientId, observations);
        }
    }
}
