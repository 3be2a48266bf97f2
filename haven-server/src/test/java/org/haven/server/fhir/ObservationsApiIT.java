package org.haven.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.Responses.errorFields;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/observations} after an ingest: a patient's observations or a code's, in effective time order
 * with the untimed last, a page at a time; time bounds by day or instant; shaped by result type; bad parameters
 * listed; every read audited.
 */
class ObservationsApiIT extends IngestedPostalCode {

    @Override
    int patientCount() {
        return 30;
    }

    @Test
    void aPatientsObservationsComeInTimeOrderWithTheUntimedLastAcrossPages() {
        FhirTestData.PatientValues patient = fhir.data.patientsIn(POSTAL_CODE).stream()
                .filter(p -> fhir.data.observationsOf(p.id()).stream().anyMatch(o -> o.effective() == null))
                .findFirst().orElseThrow(() -> new AssertionError("the test data has an untimed observation"));
        List<String> expected = fhir.data.observationsOf(patient.id()).stream()
                .sorted(Comparator.comparing(FhirTestData.ObservationValues::effective,
                        Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(FhirTestData.ObservationValues::id))
                .map(FhirTestData.ObservationValues::id).toList();

        List<String> pages = new ArrayList<>();
        List<String> found = collect("patient_id=" + patient.id() + "&limit=1", admin, pages);
        assertThat(found).containsExactlyElementsOf(expected);
        assertThat(pages).hasSize(expected.size());

        FhirTestData.ObservationValues first = fhir.data.observationsOf(patient.id()).get(0);
        JsonNode record = json(get(list("patient_id=" + patient.id()), admin)).path("items").get(0).path("record");
        assertThat(record.path("observation_id").asString()).isEqualTo(first.id());
        assertThat(record.path("code").asString()).isEqualTo(first.code());
        assertThat(record.path("value_unit").asString()).isEqualTo(first.unit());
        assertThat(record.path("effective_date_time").asString()).isEqualTo(first.effective().toString());

        JsonNode events = json(get("/api/v1/audit?resource_type=dataset&resource_id=" + datasetId("observation")
                + "&action=observation.list", admin)).path("items");
        assertThat(events.size()).isGreaterThanOrEqualTo(pages.size());
        assertThat(events.get(0).toString()).contains("patient_id", "IDENTIFIABLE");
    }

    @Test
    void aCodeAndTimeBoundsSelectAcrossPatients() {
        List<FhirTestData.ObservationValues> all = fhir.data.observationsIn(POSTAL_CODE);
        List<String> heartRates = all.stream().filter(o -> o.code().equals(FhirTestData.HEART_RATE))
                .sorted(Comparator.comparing(FhirTestData.ObservationValues::effective).thenComparing(
                        FhirTestData.ObservationValues::id))
                .map(FhirTestData.ObservationValues::id).toList();
        assertThat(collect("code=" + encode("http://loinc.org|" + FhirTestData.HEART_RATE) + "&limit=7", admin,
                new ArrayList<>())).containsExactlyElementsOf(heartRates);
        assertThat(collect("code=" + encode("http://snomed.info/sct|" + FhirTestData.HEART_RATE), admin,
                new ArrayList<>())).isEmpty();

        // A date bound covers its whole day (UTC); both bounds are inclusive.
        Instant day = Instant.parse("2024-02-02T00:00:00Z");
        List<String> onTheSecond = all.stream().filter(o -> o.code().equals(FhirTestData.BODY_WEIGHT))
                .filter(o -> o.effective() != null && !o.effective().isBefore(day)
                        && o.effective().isBefore(day.plusSeconds(86_400)))
                .sorted(Comparator.comparing(FhirTestData.ObservationValues::effective)
                        .thenComparing(FhirTestData.ObservationValues::id))
                .map(FhirTestData.ObservationValues::id).toList();
        assertThat(onTheSecond).isNotEmpty();
        assertThat(collect("code=" + FhirTestData.BODY_WEIGHT + "&from=2024-02-02&to=2024-02-02", admin,
                new ArrayList<>())).containsExactlyElementsOf(onTheSecond);

        FhirTestData.ObservationValues one = all.stream().filter(o -> o.effective() != null).findFirst().orElseThrow();
        String instant = encode(one.effective().atOffset(ZoneOffset.ofHours(2)).toString());
        assertThat(collect("patient_id=" + one.patientId() + "&from=" + instant + "&to=" + instant, admin,
                new ArrayList<>())).containsExactly(one.id());
    }

    @Test
    void aPseudonymisedReaderGetsObservationsAndOutsidersAndAggregateReadersDoNot() {
        FhirTestData.ObservationValues one = fhir.data.observationsIn(POSTAL_CODE).get(0);
        Caller analyst = granted("observation", "PSEUDONYMISED");
        HttpResponse<String> read = get(list("patient_id=" + one.patientId()), analyst.token());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.headers().firstValue("Haven-Result-Type")).hasValue("PSEUDONYMISED");
        assertThat(json(read).path("items").findValuesAsString("observation_id"))
                .containsExactlyInAnyOrderElementsOf(fhir.data.observationsOf(one.patientId()).stream()
                        .map(FhirTestData.ObservationValues::id).toList());

        assertThat(get(list("patient_id=" + one.patientId()), granted("observation", "AGGREGATE").token()).statusCode())
                .isEqualTo(403);
        assertThat(get(list("patient_id=" + one.patientId()), newUser("outsider").token()).statusCode()).isEqualTo(404);
        // A grant of the patient dataset does not reach observations.
        assertThat(get(list("patient_id=" + one.patientId()), granted("patient", "IDENTIFIABLE").token()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void badParametersAreListedTogether() {
        HttpResponse<String> nothing = get(list(""), admin);
        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(errorFields(json(nothing))).containsExactly("patient_id");

        HttpResponse<String> bad = get(list("patient_id=" + encode("p1 OR 1=1") + "&code=" + encode("a|b|c")
                + "&from=2024-13-01&to=yesterday&limit=201"), admin);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(errorFields(json(bad))).containsExactly("patient_id", "code", "from", "to", "limit");

        HttpResponse<String> backwards = get(list("patient_id=p1&from=2024-03-01&to=2024-02-01"), admin);
        assertThat(errorFields(json(backwards))).containsExactly("to");
    }

    /** Every observation id of a listing, following its cursors; {@code pages} gets each page's cursor. */
    private List<String> collect(String query, String token, List<String> pages) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> page = get(list(query + (cursor == null ? "" : "&cursor=" + cursor)), token);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode body = json(page);
            body.path("items").forEach(item -> ids.add(item.path("record").path("observation_id").asString()));
            cursor = body.path("next_cursor").asString("");
            cursor = cursor.isEmpty() ? null : cursor;
            pages.add(String.valueOf(cursor));
            assertThat(pages).as("pages of one listing").hasSizeLessThan(200);
        } while (cursor != null);
        return ids;
    }

    private String list(String query) {
        return "/api/v1/observations?source=" + sourceId + (query.isEmpty() ? "" : "&" + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
