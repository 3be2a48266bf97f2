package org.haven.fhir.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.haven.fhir.FhirError;
import org.haven.fhir.FhirSourceException;
import org.junit.jupiter.api.Test;

class ExportedResourceTest {

    private static final URI FILE = URI.create("https://fhir.example.org/files/Patient-1.ndjson");

    @Test
    void matchesAPostalCodeAsFhirStringSearchDoes() {
        ExportedResource patient = ExportedResource.parse(FILE, "{\"resourceType\":\"Patient\",\"id\":\"p1\","
                + "\"address\":[{\"postalCode\":\"10001\"},{\"postalCode\":\"SW1A 1AÄ\"}]}");

        assertThat(patient.id()).isEqualTo("p1");
        assertThat(patient.hasPostalCode("10001")).isTrue();
        assertThat(patient.hasPostalCode("sw1a 1aa")).isTrue();
        assertThat(patient.hasPostalCode("SW1A")).isTrue();
        assertThat(patient.hasPostalCode("02139")).isFalse();
        assertThat(patient.hasPostalCode("100012")).isFalse();
        assertThat(ExportedResource.parse(FILE, "{\"resourceType\":\"Patient\",\"id\":\"p2\"}").hasPostalCode("1"))
                .isFalse();
    }

    @Test
    void readsTheSubjectOfAnObservationInEveryReferenceForm() {
        assertThat(ExportedResource.patientId("Patient/p1")).isEqualTo("p1");
        assertThat(ExportedResource.patientId("https://fhir.example.org/r4/Patient/p1")).isEqualTo("p1");
        assertThat(ExportedResource.patientId("Patient/p1/_history/3")).isEqualTo("p1");
        assertThat(ExportedResource.patientId("Group/g1")).isNull();
        assertThat(ExportedResource.patientId("#contained")).isNull();
        assertThat(ExportedResource.patientId(null)).isNull();
    }

    @Test
    void keepsDecimalsAsSentAndRefusesALineThatIsNoJsonObject() {
        ExportedResource observation = ExportedResource.parse(FILE, "{\"resourceType\":\"Observation\","
                + "\"id\":\"o1\",\"subject\":{\"reference\":\"Patient/p1\"},\"valueQuantity\":{\"value\":5.10}}");
        assertThat(observation.json()).contains("5.10");
        assertThat(observation.subjectPatientId()).isEqualTo("p1");

        assertThatThrownBy(() -> ExportedResource.parse(FILE, "[1,2]"))
                .isInstanceOfSatisfying(FhirSourceException.class,
                        e -> assertThat(e.error()).isEqualTo(FhirError.INVALID_RESPONSE));
    }
}
