package org.haven.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.haven.testing.fhir.FhirTestData;
import org.haven.testing.fhir.FhirTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resources the FHIR model would not let the server build (no id, an impossible date, a status outside its value
 * set, no subject) are served by rewriting response bodies. The crawl stages every one of them; flattening rejects
 * exactly those with a reason and keeps the rest, an unfamiliar terminology code included.
 */
class MalformedResourcesIT {

    private static final String AREA = "99999";

    private FhirTestServer server;

    @BeforeEach
    void start() {
        FhirTestData data = new FhirTestData();
        data.put(patient("m-good", "male", LocalDate.of(1980, 5, 17)));
        data.put(patient("m-noid", "female", LocalDate.of(1970, 1, 2)));
        data.put(patient("m-baddate", "female", LocalDate.of(1901, 1, 1)));
        data.put(patient("m-badgender", "other", LocalDate.of(1960, 6, 6)));
        data.put(patient("m-obs", "unknown", LocalDate.of(1990, 9, 9)));
        data.putObservation(observation("mo-good", "m-good", "final", "8867-4", "2024-02-01T08:30:00Z"));
        data.putObservation(observation("mo-unknowncode", "m-good", "final", "99999-9", "2024-02-02T08:30:00Z"));
        data.putObservation(observation("mo-baddate", "m-good", "final", "8867-4", "1901-01-01T00:00:00Z"));
        data.putObservation(observation("mo-badstatus", "m-good", "cancelled", "8867-4", "2024-02-03T08:30:00Z"));
        data.putObservation(observation("mo-noid", "m-good", "final", "29463-7", "2024-02-04T08:30:00Z"));
        data.putObservation(observation("mo-nosubject", "m-obs", "final", "8867-4", "2024-02-05T08:30:00Z"));
        server = FhirTestServer.start(data);
        Map.of(
                "\"resourceType\":\"Patient\",\"id\":\"m-noid\",", "\"resourceType\":\"Patient\",",
                "\"birthDate\":\"1901-01-01\"", "\"birthDate\":\"1990-02-31\"",
                "\"gender\":\"other\"", "\"gender\":\"robot\"",
                "\"1901-01-01T00:00:00Z\"", "\"2024-13-45T08:30:00Z\"",
                "\"status\":\"cancelled\"", "\"status\":\"bogus\"",
                "\"resourceType\":\"Observation\",\"id\":\"mo-noid\",", "\"resourceType\":\"Observation\",",
                ",\"subject\":{\"reference\":\"Patient/m-obs\"}", "").forEach(server.faults()::rewrite);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyResourceIsStagedAndOnlyTheMalformedOnesAreRejectedWithAReason() {
        CollectingSink sink = new CollectingSink();
        FhirSourceSettings settings = new FhirSourceSettings(server.baseUrl(), FhirAuth.none(), 2, 2, 500,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 3, Duration.ofMillis(10), Duration.ofSeconds(1));

        CrawlSummary summary = new PostalCodeCrawl(settings).run(AREA, sink, null);

        assertThat(summary.patients()).isEqualTo(5);
        assertThat(summary.patientsWithoutId()).isEqualTo(1);
        assertThat(summary.observations()).isEqualTo(6);
        assertThat(sink.patientRecords().keySet()).containsExactlyInAnyOrder("m-good", "m-obs");
        assertThat(sink.observationRecords().keySet()).containsExactlyInAnyOrder("mo-good", "mo-unknowncode");
        assertThat(sink.observationRecords().get("mo-unknowncode")).containsEntry("code", "99999-9")
                .containsEntry("code_system", FhirTestData.LOINC).containsEntry("value_quantity", "72.5");
        assertThat(sink.rejections()).extracting(r -> r.resourceId() + ": " + r.reason()).containsExactlyInAnyOrder(
                "null: the Patient has no id",
                "m-baddate: invalid value in birthDate",
                "m-badgender: invalid value in gender",
                "mo-baddate: invalid value in effectiveDateTime",
                "mo-badstatus: invalid value in status",
                "null: the Observation has no id",
                "mo-nosubject: the Observation has no Patient subject");
    }

    private static FhirTestData.PatientValues patient(String id, String gender, LocalDate birthDate) {
        return new FhirTestData.PatientValues(id, "MRN-" + id, "Doe", "Jo", birthDate, gender, "1 Lane", "Flat 1",
                "Springfield", AREA, "+1-555-0000", id + "@example.org", 1, Instant.parse("2024-01-01T00:00:00Z"));
    }

    private static FhirTestData.ObservationValues observation(String id, String patientId, String status, String code,
            String effective) {
        return new FhirTestData.ObservationValues(id, patientId, status, FhirTestData.LOINC, code, "Test " + code,
                new BigDecimal("72.5"), "/min", effective, "2024-03-01T00:00:00Z");
    }

}
