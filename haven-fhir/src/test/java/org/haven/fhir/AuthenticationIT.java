package org.haven.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.haven.testing.fhir.FhirTestData;
import org.haven.testing.fhir.FhirTestServer;
import org.haven.testing.fhir.TokenServlet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every request carries the configured credential; OAuth2 tokens come from a token endpoint and are reused. */
class AuthenticationIT {

    private static final String CODE = "10001";

    private FhirTestServer server;

    @BeforeEach
    void start() {
        server = FhirTestServer.start(FhirTestData.generate(120, 7));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FhirSourceSettings settings(FhirAuth auth) {
        return new FhirSourceSettings(server.baseUrl(), auth, 10, 3, 500, Duration.ofSeconds(2),
                Duration.ofSeconds(5), 3, Duration.ofMillis(10), Duration.ofSeconds(1));
    }

    @Test
    void basicCredentialsGoWithEveryRequestAndAWrongPasswordFailsWithoutRetrying() {
        String expected = "Basic " + Base64.getEncoder().encodeToString("ingest:pa55".getBytes(StandardCharsets.UTF_8));
        server.faults().requireAuthorization(expected::equals);
        CollectingSink sink = new CollectingSink();

        new PostalCodeCrawl(settings(FhirAuth.basic("ingest", "pa55"))).run(CODE, sink, null);

        PostalCodeCrawlIT.assertPatientsMatch(sink, server.data().patientsIn(CODE));
        assertThat(server.faults().authorizations()).isNotEmpty().containsOnly(expected);

        int before = server.faults().requests().size();
        assertThatThrownBy(() -> new PostalCodeCrawl(settings(FhirAuth.basic("ingest", "wrong")))
                .run(CODE, new CollectingSink(), null))
                .isInstanceOfSatisfying(FhirSourceException.class, e -> {
                    assertThat(e.error()).isEqualTo(FhirError.AUTHENTICATION_FAILED);
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.lastStatus()).hasValue(401);
                    assertThat(e.getMessage()).doesNotContain("wrong");
                });
        assertThat(server.faults().requests().size() - before).isEqualTo(1);
    }

    @Test
    void aBearerTokenGoesWithEveryRequest() {
        server.faults().requireAuthorization("Bearer static-token-1"::equals);
        CollectingSink sink = new CollectingSink();

        new PostalCodeCrawl(settings(FhirAuth.bearer("static-token-1"))).run(CODE, sink, null);

        PostalCodeCrawlIT.assertObservationsMatch(sink, server.data().observationsIn(CODE));
        assertThat(server.faults().authorizations()).isNotEmpty().containsOnly("Bearer static-token-1");
    }

    @Test
    void clientCredentialsFetchOneTokenForManyRequestsAndRenewItWhenRevoked() {
        server.faults().requireAuthorization(header -> header != null && header.startsWith("Bearer ")
                && server.tokens().issued(header.substring(7)));
        FhirAuth auth = FhirAuth.clientCredentials(server.tokenUrl(), TokenServlet.CLIENT_ID,
                TokenServlet.CLIENT_SECRET, "system/*.read");
        PostalCodeCrawl crawl = new PostalCodeCrawl(settings(auth));
        CollectingSink sink = new CollectingSink();

        crawl.run(CODE, sink, null);

        PostalCodeCrawlIT.assertPatientsMatch(sink, server.data().patientsIn(CODE));
        assertThat(server.faults().requests().size()).isGreaterThan(10);
        assertThat(server.tokens().requests()).isEqualTo(1);
        assertThat(server.tokens().lastScope()).isEqualTo("system/*.read");

        server.tokens().forgetIssuedTokens();
        CollectingSink again = new CollectingSink();
        crawl.run(CODE, again, null);
        PostalCodeCrawlIT.assertObservationsMatch(again, server.data().observationsIn(CODE));
        assertThat(server.tokens().requests()).isEqualTo(2);
    }

    @Test
    void aTokenIsFetchedAgainShortlyBeforeItExpires() throws InterruptedException {
        server.tokens().expiresInSeconds(2);
        server.faults().requireAuthorization(header -> header != null && server.tokens().issued(header.substring(7)));
        PostalCodeCrawl crawl = new PostalCodeCrawl(settings(FhirAuth.clientCredentials(server.tokenUrl(),
                TokenServlet.CLIENT_ID, TokenServlet.CLIENT_SECRET, null)));

        crawl.run("02140", new CollectingSink(), null);
        assertThat(server.tokens().requests()).isEqualTo(1);
        Thread.sleep(1900);
        crawl.run("02140", new CollectingSink(), null);

        assertThat(server.tokens().requests()).isEqualTo(2);
    }

    @Test
    void aClientTheTokenEndpointRefusesFailsAsAuthenticationWithoutItsSecretInTheMessage() {
        FhirAuth auth = FhirAuth.clientCredentials(server.tokenUrl(), TokenServlet.CLIENT_ID, "not-the-secret", null);

        assertThatThrownBy(() -> new PostalCodeCrawl(settings(auth)).run(CODE, new CollectingSink(), null))
                .isInstanceOfSatisfying(FhirSourceException.class, e -> {
                    assertThat(e.error()).isEqualTo(FhirError.AUTHENTICATION_FAILED);
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).contains(server.tokenUrl().toString()).doesNotContain("not-the-secret");
                });
        assertThat(server.faults().requests()).isEmpty();
    }
}
