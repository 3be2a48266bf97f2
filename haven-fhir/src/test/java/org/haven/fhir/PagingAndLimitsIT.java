package org.haven.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.haven.testing.fhir.FhirTestData;
import org.haven.testing.fhir.FhirTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Next links in every form a server may write them, and the request rate limit. */
class PagingAndLimitsIT {

    private static final String CODE = "94110";

    private FhirTestServer server;

    @BeforeEach
    void start() {
        server = FhirTestServer.start(FhirTestData.generate(200, 11));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FhirSourceSettings settings(double requestsPerSecond) {
        return new FhirSourceSettings(server.baseUrl(), FhirAuth.none(), 5, 4, requestsPerSecond,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 3, Duration.ofMillis(10), Duration.ofSeconds(1));
    }

    @Test
    void relativeNextLinksAreFollowedAsGiven() {
        server.faults().rewrite("\"url\":\"" + server.baseUrl() + "?_getpages=", "\"url\":\"?_getpages=");
        CollectingSink sink = new CollectingSink();

        new PostalCodeCrawl(settings(500)).run(CODE, sink, null);

        assertThat(server.faults().requestsContaining("_getpages=")).isNotEmpty();
        PostalCodeCrawlIT.assertPatientsMatch(sink, server.data().patientsIn(CODE));
        PostalCodeCrawlIT.assertObservationsMatch(sink, server.data().observationsIn(CODE));
    }

    @Test
    void aNextLinkToAnotherOriginIsNotFollowed() {
        server.faults().rewrite("\"url\":\"" + server.baseUrl() + "?_getpages=",
                "\"url\":\"https://elsewhere.example.org/fhir?_getpages=");

        assertThatThrownBy(() -> new PostalCodeCrawl(settings(500)).run(CODE, new CollectingSink(), null))
                .isInstanceOfSatisfying(FhirSourceException.class, e -> {
                    assertThat(e.error()).isEqualTo(FhirError.INVALID_RESPONSE);
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).contains("another origin").contains("elsewhere.example.org");
                });
        assertThat(server.faults().requestsContaining("elsewhere")).isEmpty();
    }

    @Test
    void requestsAreSpacedByTheRateLimit() {
        long started = System.nanoTime();

        new PostalCodeCrawl(settings(40)).run(CODE, new CollectingSink(), null);

        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        int requests = server.faults().requests().size();
        assertThat(requests).isGreaterThan(20);
        assertThat(elapsed.toMillis()).isGreaterThanOrEqualTo((requests - 1) * 1000L / 40);
        assertThat(server.faults().maxInFlight()).isLessThanOrEqualTo(4);
    }
}
