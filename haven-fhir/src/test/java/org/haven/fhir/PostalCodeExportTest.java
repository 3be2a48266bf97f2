package org.haven.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class PostalCodeExportTest {

    @Test
    void theKickOffEncodesThePostalCodeInsideTheTypeFilterAndTheFilterInTheQuery() {
        PostalCodeExport export = new PostalCodeExport(FhirSourceSettings.of(
                URI.create("https://fhir.example.org/r4"), FhirAuth.none()));

        assertThat(export.kickOffUrl(" SW1A 1AA&x ").toString()).isEqualTo("https://fhir.example.org/r4/Patient/$export"
                + "?_type=Patient,Observation&_outputFormat=application%2Ffhir%2Bndjson"
                + "&_typeFilter=Patient%3Faddress-postalcode%3DSW1A%25201AA%2526x");
    }
}
