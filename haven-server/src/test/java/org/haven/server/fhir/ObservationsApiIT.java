package org.haven.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.Responses.errorFields;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.haven.testing.fhir.FhirTestData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/observations} after an ingest: a patient's observations or a code's, in effective time order
 * with the untimed last, a page at a time; time bounds by day or instant; shaped by result type; bad parameters
 * listed; every read audited.
 */
class ObservationsApiIT extends IngestedPostalCode {

    private static final String HEART_RATE = "8867-4";
    private static final String BODY_WEIGHT = "29463-7";
    /** Listing order: effective time, untimed last, then id in byte order (as the API sorts, whatever the collation). */
    private static final Comparator<FhirTestData.ObservationValues> LISTED = Comparator
            .comparing(FhirTestData.ObservationValues::effectiveAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(FhirTestData.ObservationValues::id);

    /** The generated data, and for the postal code's patient with the most observations one more without a time. */
    @Override
    FhirTestData data() {
        FhirTestData data = FhirTestData.generate(30, 7);
        String patient = busiest(data).id();
        data.putObservation(new FhirTestData.ObservationValues("o-untimed", patient, "final", FhirTestData.LOINC,
                HEART_RATE, "Heart rate", new BigDecimal("61.0"), "/min", null, "2024-02-29T12:00:00Z"));
        return data;
    }

    private static FhirTestData.PatientValues busiest(FhirTestData data) {
        return data.patientsIn(POSTAL_CODE).stream()
                .max(Comparator.comparingInt(p -> data.observationsOf(p.id()).size())).orElseThrow();
    }

    @Test
    void aPatientsObservationsComeInTimeOrderWithTheUntimedLastAcrossPages() {
        FhirTestData.PatientValues patient = busiest(fhir.data());
        List<FhirTestData.ObservationValues> sorted = fhir.data().observationsOf(patient.id()).stream()
                .sorted(LISTED).toList();
        assertThat(sorted).hasSizeGreaterThan(2);
        assertThat(sorted.get(sorted.size() - 1).effective()).isNull();
        List<String> expected = sorted.stream().map(FhirTestData.ObservationValues::id).toList();

        List<String> pages = new ArrayList<>();
        List<String> found = collect("patient_id=" + patient.id() + "&limit=1", admin, pages);
        assertThat(found).containsExactlyElementsOf(expected);
        assertThat(pages).hasSize(expected.size());

        FhirTestData.ObservationValues first = sorted.get(0);
        JsonNode record = json(get(list("patient_id=" + patient.id()), admin)).path("items").get(0).path("record");
        assertThat(record.path("observation_id").asString()).isEqualTo(first.id());
        assertThat(record.path("code").asString()).isEqualTo(first.code());
        assertThat(record.path("value_unit").asString()).isEqualTo(first.unit());
        assertThat(record.path("effective_date_time").asString()).isEqualTo(first.effective());

        JsonNode events = json(get("/api/v1/audit?resource_type=dataset&resource_id=" + datasetId("observation")
                + "&action=observation.list", admin)).path("items");
        assertThat(events.size()).isGreaterThanOrEqualTo(pages.size());
        assertThat(events.get(0).toString()).contains("patient_id", "IDENTIFIABLE");
    }

    @Test
    void aCodeAndTimeBoundsSelectAcrossPatients() {
        List<FhirTestData.ObservationValues> all = fhir.data().observationsIn(POSTAL_CODE);
        List<String> heartRates = all.stream().filter(o -> o.code().equals(HEART_RATE)).sorted(LISTED)
                .map(FhirTestData.ObservationValues::id).toList();
        assertThat(collect("code=" + encode(FhirTestData.LOINC + "|" + HEART_RATE) + "&limit=7", admin,
                new ArrayList<>())).containsExactlyElementsOf(heartRates);
        assertThat(collect("code=" + encode("http://snomed.info/sct|" + HEART_RATE), admin, new ArrayList<>()))
                .isEmpty();

        // A date bound covers its whole day (UTC); both bounds are inclusive.
        Instant day = all.stream().filter(o -> o.code().equals(BODY_WEIGHT)).findFirst().orElseThrow().effectiveAt()
                .truncatedTo(ChronoUnit.DAYS);
        List<String> thatDay = all.stream().filter(o -> o.code().equals(BODY_WEIGHT))
                .filter(o -> o.effectiveAt() != null && !o.effectiveAt().isBefore(day)
                        && o.effectiveAt().isBefore(day.plus(1, ChronoUnit.DAYS)))
                .sorted(LISTED).map(FhirTestData.ObservationValues::id).toList();
        String date = LocalDate.ofInstant(day, ZoneOffset.UTC).toString();
        assertThat(collect("code=" + BODY_WEIGHT + "&from=" + date + "&to=" + date, admin, new ArrayList<>()))
                .isNotEmpty().containsExactlyElementsOf(thatDay);

        FhirTestData.ObservationValues one = all.stream().filter(o -> o.effectiveAt() != null).findFirst().orElseThrow();
        String instant = encode(one.effectiveAt().atOffset(ZoneOffset.ofHours(2)).toString());
        List<String> sameInstant = fhir.data().observationsOf(one.patientId()).stream()
                .filter(o -> one.effectiveAt().equals(o.effectiveAt())).sorted(LISTED)
                .map(FhirTestData.ObservationValues::id).toList();
        assertThat(collect("patient_id=" + one.patientId() + "&from=" + instant + "&to=" + instant, admin,
                new ArrayList<>())).contains(one.id()).containsExactlyElementsOf(sameInstant);
    }

    @Test
    void aPseudonymisedReaderGetsObservationsAndOutsidersAndAggregateReadersDoNot() {
        FhirTestData.ObservationValues one = fhir.data().observationsIn(POSTAL_CODE).get(0);
        Caller analyst = granted("observation", "PSEUDONYMISED");
        HttpResponse<String> read = get(list("patient_id=" + one.patientId()), analyst.token());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.headers().firstValue("Haven-Result-Type")).hasValue("PSEUDONYMISED");
        assertThat(json(read).path("items").findValuesAsString("observation_id"))
                .containsExactlyInAnyOrderElementsOf(fhir.data().observationsOf(one.patientId()).stream()
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
