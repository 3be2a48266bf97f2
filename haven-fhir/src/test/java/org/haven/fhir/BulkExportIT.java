package org.haven.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.haven.testing.fhir.FaultFilter;
import org.haven.testing.fhir.FhirTestData;
import org.haven.testing.fhir.FhirTestServer;
import org.haven.testing.fhir.TokenServlet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bulk exports against the test server's {@code Patient/$export}, with faults injected in front of it. */
class BulkExportIT {

    private static final String CODE = "02139";

    private FhirTestServer server;

    @BeforeEach
    void start() {
        server = FhirTestServer.start(FhirTestData.generate(300, 42));
        // Several files per type, so Patients must all be read before the first Observation file.
        server.bulkExport().resourcesPerFile(40);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FhirSourceSettings settings() {
        return settings(FhirAuth.none());
    }

    private FhirSourceSettings settings(FhirAuth auth) {
        return new FhirSourceSettings(server.baseUrl(), auth, 7, 3, 500, Duration.ofSeconds(2),
                Duration.ofSeconds(5), 5, Duration.ofMillis(20), Duration.ofSeconds(3));
    }

    @Test
    void deliversExactlyWhatTheCrawlDeliversAndDeletesTheExport() {
        CollectingSink exported = new CollectingSink();
        RecordingListener listener = new RecordingListener();

        CrawlSummary summary = new PostalCodeExport(settings()).run(CODE, exported, listener);

        List<FhirTestData.PatientValues> patients = server.data().patientsIn(CODE);
        List<FhirTestData.ObservationValues> observations = server.data().observationsIn(CODE);
        assertThat(patients).hasSizeGreaterThan(50);
        assertThat(summary.patients()).isEqualTo(patients.size());
        assertThat(summary.observations()).isEqualTo(observations.size());
        assertThat(summary).extracting(CrawlSummary::duplicates, CrawlSummary::retries, CrawlSummary::skipped,
                CrawlSummary::patientsWithoutId).containsOnly(0L);
        long files = (patients.size() + 39) / 40 + (observations.size() + 39) / 40;
        assertThat(summary.pages()).isEqualTo(files);
        assertThat(listener.files).hasSize((int) files);
        assertThat(listener.files.get(0)).startsWith("PATIENT");
        assertThat(listener.files.get(listener.files.size() - 1)).startsWith("OBSERVATION");
        PostalCodeCrawlIT.assertPatientsMatch(exported, patients);
        PostalCodeCrawlIT.assertObservationsMatch(exported, observations);
        assertThat(exported.rejections()).isEmpty();

        CollectingSink crawled = new CollectingSink();
        new PostalCodeCrawl(settings()).run(CODE, crawled, null);
        assertThat(exported.patients).containsExactlyInAnyOrderElementsOf(crawled.patients);
        assertThat(exported.observations).containsExactlyInAnyOrderElementsOf(crawled.observations);

        assertThat(server.bulkExport().kickOffs()).singleElement().isEqualTo("_type=Patient,Observation"
                + "&_outputFormat=application%2Ffhir%2Bndjson&_typeFilter=Patient%3Faddress-postalcode%3D02139");
        assertThat(server.bulkExport().deleted()).hasSize(1);
        assertThat(server.bulkExport().activeExports()).isZero();
    }

    @Test
    void pollsAfterRetryAfterAndReportsProgress() {
        server.bulkExport().pendingPolls(2, "1");
        RecordingListener listener = new RecordingListener();
        CollectingSink sink = new CollectingSink();
        long started = System.nanoTime();

        new PostalCodeExport(settings()).run(CODE, sink, listener);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(listener.pending).containsExactly("poll 1 of 2 in PT1S", "poll 2 of 2 in PT1S");
        assertThat(server.faults().requestsContaining("/bulk-status/")).hasSize(3 + 1); // 3 polls and the DELETE
        PostalCodeCrawlIT.assertPatientsMatch(sink, server.data().patientsIn(CODE));
    }

    @Test
    void retriesAServerErrorWhilePollingAndAFailedDownload() {
        server.faults().script("/bulk-status/", new FaultFilter.Status(500, null));
        server.faults().script("/Observation-1.ndjson", new FaultFilter.Status(503, null));
        RecordingListener listener = new RecordingListener();
        CollectingSink sink = new CollectingSink();

        CrawlSummary summary = new PostalCodeExport(settings()).run(CODE, sink, listener);

        assertThat(summary.retries()).isEqualTo(2);
        assertThat(listener.retries).containsExactly("HTTP 500 polling", "HTTP 503 reading a file");
        assertThat(server.faults().requestsContaining("/Observation-1.ndjson")).hasSize(2);
        PostalCodeCrawlIT.assertPatientsMatch(sink, server.data().patientsIn(CODE));
        PostalCodeCrawlIT.assertObservationsMatch(sink, server.data().observationsIn(CODE));
    }

    @Test
    void aDownloadThatStallsIsRetriedAndResumesAfterTheLinesAlreadyDelivered() {
        // A first export warms the server up (HAPI builds its model lazily), so only the stall is slow.
        new PostalCodeExport(settings()).run(CODE, new CollectingSink(), null);
        server.bulkExport().stallOnce("Observation-1.ndjson", 15, 2000);
        FhirSourceSettings settings = settings().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500));
        RecordingListener listener = new RecordingListener();
        CollectingSink sink = new CollectingSink();

        CrawlSummary summary = new PostalCodeExport(settings).run(CODE, sink, listener);

        assertThat(listener.retries).containsExactly("no response within the read timeout reading a file");
        assertThat(summary.retries()).isEqualTo(1);
        assertThat(summary.duplicates()).isZero();
        assertThat(server.faults().requestsContaining("/Observation-1.ndjson")).hasSize(3);
        PostalCodeCrawlIT.assertObservationsMatch(sink, server.data().observationsIn(CODE));
    }

    @Test
    void sendsTheOAuth2TokenWhenTheManifestRequiresItButNeverToAnotherOrigin() {
        server.faults().requireAuthorization(header -> header != null && header.startsWith("Bearer ")
                && server.tokens().issued(header.substring(7)));
        server.bulkExport().requiresAccessToken(true);
        FhirAuth auth = FhirAuth.clientCredentials(server.tokenUrl(), TokenServlet.CLIENT_ID,
                TokenServlet.CLIENT_SECRET, "system/*.read");
        PostalCodeExport export = new PostalCodeExport(settings(auth).withRetries(2, Duration.ofMillis(10),
                Duration.ofSeconds(1)));
        CollectingSink sink = new CollectingSink();

        export.run(CODE, sink, null);

        PostalCodeCrawlIT.assertObservationsMatch(sink, server.data().observationsIn(CODE));
        assertThat(server.faults().requestsContaining("/bulk-files/")).isNotEmpty();
        assertThat(server.faults().authorizations()).allMatch(header -> header.startsWith("Bearer tok-"));
        assertThat(server.tokens().requests()).isEqualTo(1);

        // The same server under another name is another origin: the manifest cannot send the token there.
        server.bulkExport().fileOrigin("http://localhost:" + server.port());
        int downloads = server.faults().requestsContaining("/bulk-files/").size();
        assertThatThrownBy(() -> export.run(CODE, new CollectingSink(), null))
                .isInstanceOfSatisfying(FhirSourceException.class, e -> {
                    assertThat(e.error()).isEqualTo(FhirError.INVALID_RESPONSE);
                    assertThat(e.getMessage()).contains("another origin (http://localhost:" + server.port() + ")")
                            .contains("not sent");
                });
        assertThat(server.faults().requestsContaining("/bulk-files/")).hasSize(downloads);
        assertThat(server.bulkExport().deleted()).hasSize(2);
    }

    @Test
    void aServerWithoutBulkExportFailsClearlyWithoutRetrying() {
        server.close();
        server = FhirTestServer.startWithoutBulkExport(FhirTestData.generate(50, 1));

        assertThatThrownBy(() -> new PostalCodeExport(settings()).run(CODE, new CollectingSink(), null))
                .isInstanceOfSatisfying(FhirSourceException.class, e -> {
                    assertThat(e.error()).isEqualTo(FhirError.REQUEST_REJECTED);
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.lastStatus()).isPresent();
                    assertThat(e.getMessage()).contains("Patient/$export").contains("does not support");
                });
        assertThat(server.faults().requests()).hasSize(1);
    }

    @Test
    void aServerThatIgnoresTheTypeFilterStillYieldsOnlyThePostalCode() {
        server.bulkExport().ignoreTypeFilter(true);
        CollectingSink sink = new CollectingSink();

        CrawlSummary summary = new PostalCodeExport(settings()).run(CODE, sink, null);

        List<FhirTestData.PatientValues> patients = server.data().patientsIn(CODE);
        List<FhirTestData.ObservationValues> observations = server.data().observationsIn(CODE);
        PostalCodeCrawlIT.assertPatientsMatch(sink, patients);
        PostalCodeCrawlIT.assertObservationsMatch(sink, observations);
        assertThat(summary.skipped()).isEqualTo(server.data().patients().size() - patients.size()
                + server.data().observations().size() - observations.size());
        assertThat(summary.patients()).isEqualTo(patients.size());
    }

    @Test
    void anErrorInTheManifestFailsTheExportAndAWarningDoesNot() {
        server.bulkExport().errorFile("error", "Observation o7-2 could not be exported");

        assertThatThrownBy(() -> new PostalCodeExport(settings()).run(CODE, new CollectingSink(), null))
                .isInstanceOfSatisfying(FhirSourceException.class, e -> {
                    assertThat(e.error()).isEqualTo(FhirError.EXPORT_FAILED);
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).contains("/bulk-status/").contains("1 error")
                            .contains("Observation o7-2 could not be exported");
                });
        assertThat(server.faults().requestsContaining("Patient-1.ndjson")).isEmpty();
        assertThat(server.bulkExport().deleted()).hasSize(1);

        server.bulkExport().errorFile("warning", "_typeFilter was applied leniently");
        RecordingListener listener = new RecordingListener();
        CollectingSink sink = new CollectingSink();
        new PostalCodeExport(settings()).run(CODE, sink, listener);
        assertThat(listener.warnings).containsExactly("_typeFilter was applied leniently");
        PostalCodeCrawlIT.assertPatientsMatch(sink, server.data().patientsIn(CODE));
    }

    @Test
    void aStatusUrlThatReportsFailureOrNeverFinishesFailsAndDeletesTheExport() {
        server.faults().script("/bulk-status/", new FaultFilter.Status(422, null));

        assertThatThrownBy(() -> new PostalCodeExport(settings()).run(CODE, new CollectingSink(), null))
                .isInstanceOfSatisfying(FhirSourceException.class, e -> {
                    assertThat(e.error()).isEqualTo(FhirError.EXPORT_FAILED);
                    assertThat(e.lastStatus()).hasValue(422);
                    assertThat(e.getMessage()).contains("bulk export failed").contains("injected 422");
                });
        assertThat(server.bulkExport().deleted()).hasSize(1);

        server.bulkExport().pendingPolls(1000, "1");
        assertThatThrownBy(() -> new PostalCodeExport(settings(), Duration.ofMillis(1500))
                .run(CODE, new CollectingSink(), null))
                .isInstanceOfSatisfying(FhirSourceException.class, e -> {
                    assertThat(e.error()).isEqualTo(FhirError.TIMEOUT);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).contains("did not finish within 1 s");
                });
        assertThat(server.bulkExport().deleted()).hasSize(2);
        assertThat(server.bulkExport().activeExports()).isZero();
    }

    /** Keeps export events. */
    static final class RecordingListener implements CrawlListener {
        final List<String> files = Collections.synchronizedList(new ArrayList<>());
        final List<String> pending = Collections.synchronizedList(new ArrayList<>());
        final List<String> retries = Collections.synchronizedList(new ArrayList<>());
        final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void exportFileRead(ResourceKind kind, URI url, long resources) {
            files.add(kind + " " + url);
        }

        @Override
        public void exportPending(URI statusUrl, String progress, Duration nextPoll) {
            pending.add(progress + " in " + nextPoll);
        }

        @Override
        public void retrying(URI url, int attempt, String reason, Duration delay) {
            retries.add(reason + (url.getPath().contains("/bulk-status/") ? " polling" : " reading a file"));
        }

        @Override
        public void exportWarning(URI statusUrl, String diagnostics) {
            warnings.add(diagnostics);
        }
    }
}
