package org.haven.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.haven.testing.fhir.FaultFilter;
import org.haven.testing.fhir.FhirTestData;
import org.haven.testing.fhir.FhirTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Crawls against a real HAPI FHIR server with real paging, and faults injected in front of it. */
class PostalCodeCrawlIT {

    private static final String CODE = "02139";

    private FhirTestServer server;

    @BeforeEach
    void start() {
        server = FhirTestServer.start(FhirTestData.generate(300, 42));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FhirSourceSettings settings() {
        return new FhirSourceSettings(server.baseUrl(), FhirAuth.none(), 7, 3, 500, Duration.ofSeconds(2),
                Duration.ofSeconds(5), 5, Duration.ofMillis(20), Duration.ofSeconds(3));
    }

    @Test
    void readsEveryPatientAndObservationOfAPostalCodeExactlyOverManyPages() {
        CollectingSink sink = new CollectingSink();
        RecordingListener listener = new RecordingListener();

        CrawlSummary summary = new PostalCodeCrawl(settings()).run(CODE, sink, listener);

        List<FhirTestData.PatientValues> expectedPatients = server.data().patientsIn(CODE);
        List<FhirTestData.ObservationValues> expectedObservations = server.data().observationsIn(CODE);
        assertThat(expectedPatients).hasSizeGreaterThan(50);
        assertThat(summary.patients()).isEqualTo(expectedPatients.size());
        assertThat(summary.observations()).isEqualTo(expectedObservations.size());
        assertThat(summary.retries()).isZero();
        assertThat(summary.duplicates()).isZero();
        assertThat(sink.patients).hasSize(expectedPatients.size());
        assertThat(sink.observations).hasSize(expectedObservations.size());
        assertThat(sink.rejections()).isEmpty();
        assertPatientsMatch(sink, expectedPatients);
        assertObservationsMatch(sink, expectedObservations);

        // Real paging: the patient search alone took several pages, each followed through HAPI's _getpages links.
        long patientPages = listener.pages.stream().filter(p -> p.startsWith("PATIENT")).count();
        assertThat(patientPages).isEqualTo((expectedPatients.size() + 6) / 7);
        assertThat(server.faults().requestsContaining("_getpages=")).isNotEmpty();
        assertThat(summary.pages()).isEqualTo(listener.pages.size());
        assertThat(server.faults().maxInFlight()).isBetween(1, 3);
    }

    @Test
    void waitsForRetryAfterOn429AndRetriesServerErrors() {
        server.faults().script("address-postalcode", new FaultFilter.Status(429, "1"),
                new FaultFilter.Status(500, null), new FaultFilter.Status(500, null));
        String patientId = server.data().patientsIn(CODE).get(0).id();
        String httpDate = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(2));
        server.faults().script("subject=Patient%2F" + patientId + "&", new FaultFilter.Status(429, httpDate),
                new FaultFilter.Status(503, null));
        CollectingSink sink = new CollectingSink();
        RecordingListener listener = new RecordingListener();
        long started = System.nanoTime();

        CrawlSummary summary = new PostalCodeCrawl(settings()).run(CODE, sink, listener);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(summary.retries()).isEqualTo(5);
        assertThat(listener.retries).containsOnly("HTTP 429", "HTTP 500", "HTTP 503");
        assertThat(listener.retryDelays.get(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(server.faults().requestsContaining("address-postalcode")).hasSize(4);
        assertPatientsMatch(sink, server.data().patientsIn(CODE));
        assertObservationsMatch(sink, server.data().observationsIn(CODE));
    }

    @Test
    void failsRetryablyNamingTheUrlAndStatusWhenErrorsOutlastTheAttempts() {
        server.faults().script("address-postalcode", new FaultFilter.Status(500, null),
                new FaultFilter.Status(500, null), new FaultFilter.Status(502, null));
        FhirSourceSettings settings = settings().withRetries(3, Duration.ofMillis(10), Duration.ofSeconds(1));

        assertThatThrownBy(() -> new PostalCodeCrawl(settings).run(CODE, new CollectingSink(), null))
                .isInstanceOfSatisfying(FhirSourceException.class, e -> {
                    assertThat(e.error()).isEqualTo(FhirError.SERVER_ERROR);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.lastStatus()).hasValue(502);
                    assertThat(e.url().toString()).contains("Patient?address-postalcode=02139");
                    assertThat(e.getMessage()).contains(e.url().toString()).contains("3 attempts").contains("HTTP 502");
                });
    }

    @Test
    void aResponseSlowerThanTheReadTimeoutIsRetriedAndAlwaysSlowFailsAsTimeout() {
        server.faults().script("address-postalcode", new FaultFilter.Delay(1500));
        FhirSourceSettings settings = settings().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(400));
        CollectingSink sink = new CollectingSink();

        CrawlSummary summary = new PostalCodeCrawl(settings).run(CODE, sink, null);

        assertThat(summary.retries()).isEqualTo(1);
        assertPatientsMatch(sink, server.data().patientsIn(CODE));

        server.faults().script("address-postalcode=10001", new FaultFilter.Delay(1500), new FaultFilter.Delay(1500));
        FhirSourceSettings twoAttempts = settings.withRetries(2, Duration.ofMillis(10), Duration.ofSeconds(1));
        assertThatThrownBy(() -> new PostalCodeCrawl(twoAttempts).run("10001", new CollectingSink(), null))
                .isInstanceOfSatisfying(FhirSourceException.class, e -> {
                    assertThat(e.error()).isEqualTo(FhirError.TIMEOUT);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.lastStatus()).isEmpty();
                    assertThat(e.getMessage()).contains("address-postalcode=10001").contains("read timeout");
                });
    }

    @Test
    void aSecondCrawlSeesAPatientChangedOnTheServerAndNothingElseMoves() {
        PostalCodeCrawl crawl = new PostalCodeCrawl(settings());
        CollectingSink first = new CollectingSink();
        crawl.run(CODE, first, null);
        FhirTestData.PatientValues before = server.data().patientsIn(CODE).get(3);
        FhirTestData.PatientValues after = new FhirTestData.PatientValues(before.id(), before.mrn(), "Renamed",
                before.given(), before.birthDate(), before.gender(), "9 New Road", before.line2(), before.city(),
                before.postalCode(), before.phone(), before.email(), 2, before.lastUpdated().plusSeconds(3600));
        server.data().put(after);

        CollectingSink second = new CollectingSink();
        crawl.run(CODE, second, null);

        Map<String, Map<String, String>> firstRecords = first.patientRecords();
        Map<String, Map<String, String>> secondRecords = second.patientRecords();
        assertThat(secondRecords.keySet()).isEqualTo(firstRecords.keySet());
        assertThat(secondRecords.get(before.id())).containsEntry("family_name", "Renamed")
                .containsEntry("address_lines", "9 New Road, " + before.line2()).containsEntry("version_id", "2");
        assertThat(CollectingSink.lastUpdated(secondRecords.get(before.id()))).isEqualTo(after.lastUpdated());
        secondRecords.remove(before.id());
        firstRecords.remove(before.id());
        assertThat(secondRecords).isEqualTo(firstRecords);
        assertThat(second.observationRecords()).isEqualTo(first.observationRecords());
        assertPatientsMatch(second, server.data().patientsIn(CODE));
    }

    @Test
    void anUnreachableServerFailsClearlyAndTheSameCrawlSucceedsOnceItIsUp() {
        int port = server.port();
        server.close();
        FhirSourceSettings settings = new FhirSourceSettings(URI.create("http://127.0.0.1:" + port + "/fhir"),
                FhirAuth.none(), 7, 3, 500, Duration.ofSeconds(1), Duration.ofSeconds(5), 2, Duration.ofMillis(10),
                Duration.ofSeconds(1));
        PostalCodeCrawl crawl = new PostalCodeCrawl(settings);

        assertThatThrownBy(() -> crawl.run(CODE, new CollectingSink(), null))
                .isInstanceOfSatisfying(FhirSourceException.class, e -> {
                    assertThat(e.error()).isEqualTo(FhirError.UNREACHABLE);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).contains("http://127.0.0.1:" + port + "/fhir/Patient")
                            .contains("cannot connect");
                });

        server = FhirTestServer.start(FhirTestData.generate(300, 42), port);
        CollectingSink sink = new CollectingSink();
        crawl.run(CODE, sink, null);
        assertPatientsMatch(sink, server.data().patientsIn(CODE));
        assertObservationsMatch(sink, server.data().observationsIn(CODE));
    }

    static void assertPatientsMatch(CollectingSink sink, List<FhirTestData.PatientValues> expected) {
        Map<String, Map<String, String>> records = sink.patientRecords();
        Map<String, FhirTestData.PatientValues> byId = expected.stream()
                .collect(Collectors.toMap(FhirTestData.PatientValues::id, Function.identity()));
        assertThat(records.keySet()).isEqualTo(byId.keySet());
        for (Map.Entry<String, Map<String, String>> entry : records.entrySet()) {
            FhirTestData.PatientValues values = byId.get(entry.getKey());
            Map<String, String> record = new HashMap<>(entry.getValue());
            assertThat(CollectingSink.lastUpdated(record)).isEqualTo(values.lastUpdated());
            record.remove("last_updated");
            assertThat(record).isEqualTo(FhirTestData.expectedRecord(values));
        }
    }

    static void assertObservationsMatch(CollectingSink sink, List<FhirTestData.ObservationValues> expected) {
        Map<String, Map<String, String>> records = sink.observationRecords();
        Map<String, Map<String, String>> wanted = expected.stream().collect(Collectors.toMap(
                FhirTestData.ObservationValues::id, FhirTestData::expectedRecord));
        assertThat(records).isEqualTo(wanted);
        assertThat(sink.observations).hasSize(expected.size());
    }

    /** Keeps progress events. */
    static final class RecordingListener implements CrawlListener {
        final List<String> pages = Collections.synchronizedList(new ArrayList<>());
        final List<String> retries = Collections.synchronizedList(new ArrayList<>());
        final List<Duration> retryDelays = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void pageFetched(ResourceKind kind, URI url, int resources) {
            pages.add(kind + " " + url);
        }

        @Override
        public void retrying(URI url, int attempt, String reason, Duration delay) {
            retries.add(reason);
            retryDelays.add(delay);
        }
    }
}
