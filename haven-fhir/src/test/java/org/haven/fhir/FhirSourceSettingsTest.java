package org.haven.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class FhirSourceSettingsTest {

    @Test
    void everyProblemIsListedAtOnce() {
        assertThatThrownBy(() -> new FhirSourceSettings(URI.create("ftp://fhir.example.org"),
                FhirAuth.basic("", null), 0, 100, 0, Duration.ZERO, null, 0, Duration.ofSeconds(5),
                Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(FhirSettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "base_url must be an http or https URL",
                        "auth.username is required for basic authentication",
                        "auth.password is required for basic authentication",
                        "page_size must be between 1 and 1000",
                        "concurrency must be between 1 and 64",
                        "requests_per_second must be a positive number",
                        "connect_timeout must be a positive duration",
                        "read_timeout must be a positive duration",
                        "max_attempts must be between 1 and 20",
                        "initial_backoff cannot be longer than max_backoff"));
    }

    @Test
    void credentialsTravelOnlyOverHttpsExceptToALoopbackHost() {
        assertThatThrownBy(() -> FhirSourceSettings.of(URI.create("http://fhir.example.org/r4"),
                FhirAuth.bearer("t")))
                .hasMessageContaining("base_url must use https when credentials are sent");
        assertThatThrownBy(() -> FhirSourceSettings.of(URI.create("https://fhir.example.org/r4"),
                FhirAuth.clientCredentials(URI.create("http://idp.example.org/token"), "c", "s", "")))
                .hasMessageContaining("auth.token_url must use https");
        assertThatThrownBy(() -> FhirSourceSettings.of(URI.create("https://u:p@fhir.example.org/r4"),
                FhirAuth.none()))
                .hasMessageContaining("base_url cannot hold credentials");
        assertThat(FhirSourceSettings.of(URI.create("http://127.0.0.1:8080/fhir"), FhirAuth.bearer("t")).baseUrl())
                .hasToString("http://127.0.0.1:8080/fhir/");
        assertThat(FhirSourceSettings.of(URI.create("http://fhir.example.org/r4"), FhirAuth.none())).isNotNull();
    }

    @Test
    void toStringNeverShowsASecret() {
        FhirSourceSettings basic = FhirSourceSettings.of(URI.create("https://fhir.example.org/r4"),
                FhirAuth.basic("ingest", "hunter2-password"));
        FhirSourceSettings bearer = FhirSourceSettings.of(URI.create("https://fhir.example.org/r4"),
                FhirAuth.bearer("eyJ-secret-token"));
        FhirSourceSettings oauth = FhirSourceSettings.of(URI.create("https://fhir.example.org/r4"),
                FhirAuth.clientCredentials(URI.create("https://idp.example.org/token"), "haven", "client-secret-9",
                        "system/*.read"));

        assertThat(basic.toString()).contains("ingest").doesNotContain("hunter2-password");
        assertThat(bearer.toString()).doesNotContain("eyJ-secret-token");
        assertThat(oauth.toString()).contains("haven", "system/*.read").doesNotContain("client-secret-9");
    }
}
