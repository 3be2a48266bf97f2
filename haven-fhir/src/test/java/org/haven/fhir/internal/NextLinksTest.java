package org.haven.fhir.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.haven.fhir.FhirSourceException;
import org.junit.jupiter.api.Test;

class NextLinksTest {

    private static final URI BASE = URI.create("https://fhir.example.org/r4/");
    private static final URI PAGE = URI.create("https://fhir.example.org/r4/Patient?address-postalcode=1");

    @Test
    void followsAbsoluteRelativeAndGetpagesLinksAsGiven() {
        assertThat(NextLinks.resolve(BASE, PAGE, "https://fhir.example.org/r4?_getpages=abc&_getpagesoffset=20"))
                .hasToString("https://fhir.example.org/r4?_getpages=abc&_getpagesoffset=20");
        assertThat(NextLinks.resolve(BASE, PAGE, "?_getpages=abc")).hasToString("https://fhir.example.org/r4/?_getpages=abc");
        assertThat(NextLinks.resolve(BASE, PAGE, "Patient?_cursor=xyz%3D%3D"))
                .hasToString("https://fhir.example.org/r4/Patient?_cursor=xyz%3D%3D");
        assertThat(NextLinks.resolve(BASE, PAGE, "HTTPS://FHIR.example.org:443/r4/Patient?page=2"))
                .hasToString("HTTPS://FHIR.example.org:443/r4/Patient?page=2");
    }

    @Test
    void refusesAnotherOriginOrANonUrl() {
        assertThatThrownBy(() -> NextLinks.resolve(BASE, PAGE, "http://fhir.example.org/r4?page=2"))
                .isInstanceOf(FhirSourceException.class).hasMessageContaining("another origin");
        assertThatThrownBy(() -> NextLinks.resolve(BASE, PAGE, "https://evil.example.org/r4?page=2"))
                .isInstanceOf(FhirSourceException.class).hasMessageContaining("another origin");
        assertThatThrownBy(() -> NextLinks.resolve(BASE, PAGE, "https://fhir.example.org:8443/r4?page=2"))
                .isInstanceOf(FhirSourceException.class);
        assertThatThrownBy(() -> NextLinks.resolve(BASE, PAGE, "not a url"))
                .isInstanceOf(FhirSourceException.class).hasMessageContaining("not a URL");
    }
}
