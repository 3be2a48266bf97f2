package org.haven.fhir;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.haven.fhir.internal.ExportManifest;
import org.haven.fhir.internal.ExportedResource;
import org.haven.fhir.internal.FhirHttp;
import org.haven.fhir.internal.NextLinks;
import org.haven.fhir.internal.OperationOutcomes;

/**
 * Reads the Patients of one postal code and their Observations with a FHIR Bulk Data export (the Bulk Data Access
 * IG's asynchronous {@code Patient/$export}): kick-off, polling of the status URL until the manifest, then each
 * NDJSON output file streamed line by line, Patients first. Hands the sink the same resources as a
 * {@link PostalCodeCrawl} would, under the same duplicate rules, through the same HTTP rules (authentication, rate
 * limit, retries). The server is asked to filter Patients by postal code ({@code _typeFilter}), but a server may
 * ignore that and export every Patient and Observation: Patients are therefore matched to the postal code here too,
 * and only Observations of a delivered Patient are handed over.
 *
 * <p>Whatever happens, the export is then deleted on the server ({@code DELETE} of the status URL, once, best effort).
 * A failure throws {@link FhirSourceException}; what the sink received is then incomplete and should be discarded.
 * One instance may run many exports, one after another or at once; an OAuth2 token is shared between them.
 */
public final class PostalCodeExport {

    /** How long an export may take on the server, from kick-off to manifest, unless set otherwise. */
    public static final Duration DEFAULT_EXPORT_TIMEOUT = Duration.ofHours(1);

    private static final String FHIR_JSON = "application/fhir+json";
    private static final String NDJSON = "application/fhir+ndjson";
    /** Kick-off answers that mean the server will not run this export; anything else is retried or fails as usual. */
    private static final Set<Integer> KICK_OFF_REFUSALS = Set.of(400, 404, 405, 406, 415, 422, 501);
    /** Status answers that report a failed export (401, 403 and 429 keep their usual handling). */
    private static final Set<Integer> STATUS_FAILURES = IntStream.range(400, 500)
            .filter(status -> status != 401 && status != 403 && status != 429).boxed().collect(Collectors.toSet());

    private final FhirSourceSettings settings;
    private final Duration exportTimeout;
    private final FhirHttp http;

    public PostalCodeExport(FhirSourceSettings settings) {
        this(settings, DEFAULT_EXPORT_TIMEOUT);
    }

    /** @param exportTimeout longest wait from kick-off until the server's manifest is ready */
    public PostalCodeExport(FhirSourceSettings settings, Duration exportTimeout) {
        this(settings, exportTimeout, Clock.systemUTC());
    }

    PostalCodeExport(FhirSourceSettings settings, Duration exportTimeout, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (exportTimeout == null || exportTimeout.isNegative() || exportTimeout.isZero()) {
            throw new IllegalArgumentException("the export timeout must be a positive duration");
        }
        this.exportTimeout = exportTimeout;
        this.http = new FhirHttp(settings, clock);
    }

    public CrawlSummary run(String postalCode, ResourceSink sink, CrawlListener listener) {
        PostalCodeCrawl.checkPostalCode(postalCode);
        Objects.requireNonNull(sink, "sink");
        return new Run(sink, listener == null ? CrawlListener.NONE : listener).export(postalCode.strip());
    }

    /** The kick-off request's URL for {@code postalCode}. */
    public URI kickOffUrl(String postalCode) {
        PostalCodeCrawl.checkPostalCode(postalCode);
        // The filter is a search query of its own, so the postal code is encoded inside it and the whole once more.
        String filter = "Patient?address-postalcode=" + encode(postalCode.strip()).replace("+", "%20");
        return settings.baseUrl().resolve("Patient/$export?_type=Patient,Observation&_outputFormat="
                + encode(NDJSON) + "&_typeFilter=" + encode(filter));
    }

    /** The state of one export; everything but the HTTP client's retries runs on the calling thread. */
    private final class Run {

        private final ResourceSink sink;
        private final CrawlListener listener;
        private final AtomicLong retries = new AtomicLong();
        private final Set<String> patientIds = new LinkedHashSet<>();
        private final Set<String> observationIds = new HashSet<>();
        private final Map<String, Integer> observationsPerPatient = new HashMap<>();
        private long files;
        private long patients;
        private long observations;
        private long patientsWithoutId;
        private long duplicates;
        private long skipped;

        Run(ResourceSink sink, CrawlListener listener) {
            this.sink = sink;
            this.listener = new RetryCounting(listener, retries);
        }

        CrawlSummary export(String postalCode) {
            URI statusUrl = kickOff(kickOffUrl(postalCode));
            try {
                ExportManifest manifest = awaitManifest(statusUrl);
                checkCredentialTargets(statusUrl, manifest);
                checkErrors(statusUrl, manifest);
                for (ExportManifest.File file : manifest.output()) {
                    if (ResourceKind.PATIENT.fhirType().equals(file.type())) {
                        read(file, manifest, ResourceKind.PATIENT, line -> patient(file.url(), line, postalCode));
                    }
                }
                for (ExportManifest.File file : manifest.output()) {
                    if (ResourceKind.OBSERVATION.fhirType().equals(file.type())) {
                        read(file, manifest, ResourceKind.OBSERVATION, line -> observation(file.url(), line));
                    }
                }
                for (String patientId : patientIds) {
                    listener.patientDone(patientId, observationsPerPatient.getOrDefault(patientId, 0));
                }
            } finally {
                delete(statusUrl);
            }
            return new CrawlSummary(files, patients, observations, patientsWithoutId, duplicates, retries.get(),
                    skipped);
        }

        private URI kickOff(URI url) {
            FhirHttp.Response response = http.send(url, builder -> builder.GET().header("Accept", FHIR_JSON)
                    .header("Prefer", "respond-async"), KICK_OFF_REFUSALS, listener);
            if (KICK_OFF_REFUSALS.contains(response.status())) {
                String diagnostics = OperationOutcomes.diagnostics(response.body());
                throw new FhirSourceException(FhirError.REQUEST_REJECTED, url, response.status(), url
                        + " refused the bulk export: HTTP " + response.status()
                        + (diagnostics.isEmpty() ? "" : " (" + diagnostics + ")")
                        + "; the server does not support Patient/$export with these parameters (use the search"
                        + " crawl)", null);
            }
            if (response.status() != 202) {
                throw invalid(url, response.status(), url + " answered HTTP " + response.status()
                        + " to a bulk export kick-off; expected 202 Accepted");
            }
            String location = response.header("Content-Location").orElse("").strip();
            if (location.isEmpty()) {
                throw invalid(url, 202, url + " accepted the bulk export without a Content-Location (status URL)");
            }
            URI statusUrl;
            try {
                statusUrl = settings.baseUrl().resolve(new URI(location));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw invalid(url, 202, url + " gave a Content-Location that is not a URL");
            }
            if (!NextLinks.sameOrigin(settings.baseUrl(), statusUrl)) {
                throw invalid(url, 202, url + " gave a status URL on another origin (" + statusUrl.getScheme()
                        + "://" + statusUrl.getAuthority() + "); it is not followed");
            }
            return statusUrl;
        }

        private ExportManifest awaitManifest(URI statusUrl) {
            long deadline = System.nanoTime() + exportTimeout.toNanos();
            Duration backoff = settings.initialBackoff();
            while (true) {
                FhirHttp.Response response = http.send(statusUrl,
                        builder -> builder.GET().header("Accept", "application/json"), STATUS_FAILURES, listener);
                int status = response.status();
                if (status == 200) {
                    return ExportManifest.parse(statusUrl, settings.baseUrl(), response.body());
                }
                if (STATUS_FAILURES.contains(status)) {
                    String diagnostics = OperationOutcomes.diagnostics(response.body());
                    throw new FhirSourceException(FhirError.EXPORT_FAILED, statusUrl, status, statusUrl
                            + " reported that the bulk export failed: HTTP " + status
                            + (diagnostics.isEmpty() ? "" : " (" + diagnostics + ")"), null);
                }
                if (status != 202) {
                    throw invalid(statusUrl, status, statusUrl + " answered HTTP " + status
                            + " to a bulk export status request; expected 202 or 200");
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new FhirSourceException(FhirError.TIMEOUT, statusUrl, 202, statusUrl
                            + ": the bulk export did not finish within " + exportTimeout.toSeconds() + " s", null);
                }
                // Retry-After as asked, but within max_backoff: a job may finish sooner than its server guesses.
                Duration delay = response.retryAfter().orElse(backoff);
                delay = min(min(delay, settings.maxBackoff()), Duration.ofNanos(remaining));
                backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
                listener.exportPending(statusUrl, response.header("X-Progress").orElse(null), delay);
                sleep(statusUrl, delay);
            }
        }

        private void checkCredentialTargets(URI statusUrl, ExportManifest manifest) {
            if (!manifest.requiresAccessToken()) {
                return;
            }
            List<ExportManifest.File> all = new ArrayList<>(manifest.output());
            all.addAll(manifest.error());
            for (ExportManifest.File file : all) {
                if (!http.mayCarryCredential(file.url())) {
                    throw invalid(statusUrl, 200, statusUrl + " lists a file that needs the access token on another"
                            + " origin (" + file.url().getScheme() + "://" + file.url().getAuthority()
                            + "); the credential is not sent there");
                }
            }
        }

        private void checkErrors(URI statusUrl, ExportManifest manifest) {
            List<String> errors = new ArrayList<>();
            for (ExportManifest.File file : manifest.error()) {
                http.readLines(file.url(), manifest.requiresAccessToken(), line -> {
                    List<OperationOutcomes.Issue> issues = OperationOutcomes.issues(line);
                    if (issues == null) {
                        errors.add("an error file line that is not an OperationOutcome");
                        return;
                    }
                    for (OperationOutcomes.Issue issue : issues) {
                        if (issue.isError()) {
                            errors.add(issue.diagnostics().isEmpty() ? issue.severity() : issue.diagnostics());
                        } else {
                            listener.exportWarning(statusUrl, issue.diagnostics());
                        }
                    }
                }, listener);
            }
            if (!errors.isEmpty()) {
                throw new FhirSourceException(FhirError.EXPORT_FAILED, statusUrl, 200, statusUrl
                        + " reported " + errors.size() + (errors.size() == 1 ? " error" : " errors")
                        + " in the bulk export: " + errors.get(0), null);
            }
        }

        private void read(ExportManifest.File file, ExportManifest manifest, ResourceKind kind,
                Consumer<String> lines) {
            long read = http.readLines(file.url(), manifest.requiresAccessToken(), lines, listener);
            files++;
            listener.exportFileRead(kind, file.url(), read);
        }

        private void patient(URI file, String line, String postalCode) {
            ExportedResource resource = ExportedResource.parse(file, line);
            if (!ResourceKind.PATIENT.fhirType().equals(resource.resourceType())
                    || !resource.hasPostalCode(postalCode)) {
                skipped++;
            } else if (resource.id() == null) {
                sink.patient(resource.json());
                patients++;
                patientsWithoutId++;
            } else if (patientIds.add(resource.id())) {
                sink.patient(resource.json());
                patients++;
            } else {
                duplicates++;
            }
        }

        private void observation(URI file, String line) {
            ExportedResource resource = ExportedResource.parse(file, line);
            String subject = resource.subjectPatientId();
            if (!ResourceKind.OBSERVATION.fhirType().equals(resource.resourceType()) || subject == null
                    || !patientIds.contains(subject)) {
                skipped++;
            } else if (resource.id() == null || observationIds.add(resource.id())) {
                // As in the crawl, an Observation without an id is staged and rejected when flattened.
                sink.observation(resource.json());
                observations++;
                observationsPerPatient.merge(subject, 1, Integer::sum);
            } else {
                duplicates++;
            }
        }

        private void delete(URI statusUrl) {
            try {
                http.sendOnce(statusUrl, builder -> builder.DELETE().header("Accept", FHIR_JSON));
            } catch (RuntimeException e) {
                // Best effort: the server expires finished exports on its own.
            }
        }
    }

    private static FhirSourceException invalid(URI url, int status, String message) {
        return new FhirSourceException(FhirError.INVALID_RESPONSE, url, status, message, null);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(URI url, Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FhirSourceException(FhirError.INTERRUPTED, url, 0, "export was interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Counts retries for the summary while passing every event on. */
    private record RetryCounting(CrawlListener delegate, AtomicLong retries) implements CrawlListener {

        @Override
        public void retrying(URI url, int attempt, String reason, Duration delay) {
            retries.incrementAndGet();
            delegate.retrying(url, attempt, reason, delay);
        }

        @Override
        public void patientDone(String patientId, int observations) {
            delegate.patientDone(patientId, observations);
        }

        @Override
        public void exportPending(URI statusUrl, String progress, Duration nextPoll) {
            delegate.exportPending(statusUrl, progress, nextPoll);
        }

        @Override
        public void exportFileRead(ResourceKind kind, URI url, long resources) {
            delegate.exportFileRead(kind, url, resources);
        }

        @Override
        public void exportWarning(URI statusUrl, String diagnostics) {
            delegate.exportWarning(statusUrl, diagnostics);
        }
    }
}
