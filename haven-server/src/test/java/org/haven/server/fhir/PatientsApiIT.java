package org.haven.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.Responses.errorFields;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.haven.testing.fhir.FhirTestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/patients/{id}} and {@code GET /api/v1/patients} after an ingest: values for the tenant's
 * managers, tokens for a project granted pseudonymised records (who may not search by what they see as tokens), 403
 * for aggregates only, 404 for everyone who cannot see the dataset, cursors bound to their search, every read
 * audited without a value.
 */
class PatientsApiIT extends IngestedPostalCode {

    private FhirTestData.PatientValues patient;

    @BeforeEach
    void onePatient() {
        patient = fhir.data().patientsIn(POSTAL_CODE).get(0);
    }

    @Test
    void theTenantsManagerReadsThePatientsValuesAndAnUnchangedOneAnswers304() {
        HttpResponse<String> response = read(patient.id(), admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("result_type").asString()).isEqualTo("IDENTIFIABLE");
        assertThat(body.path("record").path("family_name").asString()).isEqualTo(patient.family());
        assertThat(body.path("record").path("given_names").asString()).isEqualTo(patient.given());
        assertThat(body.path("record").path("identifier_value").asString()).isEqualTo(patient.mrn());
        assertThat(body.path("record").path("birth_date").asString()).isEqualTo(patient.birthDate().toString());

        String etag = response.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> unchanged = readIfNoneMatch(patient.id(), admin, etag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(readIfNoneMatch(patient.id(), admin, "\"stale\"").statusCode()).isEqualTo(200);

        JsonNode events = json(get("/api/v1/audit?resource_type=dataset&resource_id=" + datasetId("patient")
                + "&action=patient.read", admin)).path("items");
        assertThat(events.size()).isGreaterThanOrEqualTo(3);
        assertThat(events.toString()).contains("IDENTIFIABLE").doesNotContain(patient.family(), patient.mrn());
        // The read's own event is its access record: no access.scoped event besides it.
        JsonNode scoped = json(get("/api/v1/audit?action=access.scoped&limit=200", admin)).path("items");
        assertThat(scoped.toString()).doesNotContain("/api/v1/patients/" + patient.id());
    }

    @Test
    void aPseudonymisedReaderGetsTheSameTokensTwiceAndAnotherEtag() {
        Caller analyst = granted("patient", "PSEUDONYMISED");

        HttpResponse<String> first = read(patient.id(), analyst.token());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode record = json(first).path("record");
        assertThat(json(first).path("result_type").asString()).isEqualTo("PSEUDONYMISED");
        assertThat(record.path("family_name").asString()).startsWith("tk_").isNotEqualTo(patient.family());
        assertThat(record.path("given_names").asString()).startsWith("tk_");
        assertThat(record.path("identifier_value").asString()).startsWith("tk_");
        assertThat(record.path("gender").asString()).isEqualTo(patient.gender());
        assertThat(first.body()).doesNotContain(patient.family(), patient.mrn());

        HttpResponse<String> second = read(patient.id(), analyst.token());
        assertThat(json(second).path("record")).isEqualTo(record);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isNotEqualTo(read(patient.id(), admin).headers().firstValue("ETag").orElseThrow());
        assertThat(readIfNoneMatch(patient.id(), analyst.token(), etag).statusCode()).isEqualTo(304);
    }

    /**
     * Servers keep a dataset's grants in memory for reads; a change committed by another server (here, straight in
     * the database) is announced and reaches the next reads.
     */
    @Test
    void aGrantChangedOutsideThisServerShapesTheNextReads() throws InterruptedException {
        Caller analyst = granted("patient", "PSEUDONYMISED");
        HttpResponse<String> before = read(patient.id(), analyst.token());
        assertThat(json(before).path("record").path("gender").asString()).isEqualTo(patient.gender());
        String etagBefore = before.headers().firstValue("ETag").orElseThrow();

        jdbc.sql("""
                        UPDATE dataset_grants SET policy = CAST(:policy AS jsonb)
                        WHERE dataset_id = :dataset AND result_type = 'PSEUDONYMISED'""")
                .param("policy", "{\"fields\": {\"gender\": \"drop\"}}")
                .param("dataset", UUID.fromString(datasetId("patient"))).update();

        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        JsonNode record = json(read(patient.id(), analyst.token())).path("record");
        while (record.has("gender") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            record = json(read(patient.id(), analyst.token())).path("record");
        }
        assertThat(record.has("gender")).as(record.toString()).isFalse();
        assertThat(record.path("family_name").asString()).startsWith("tk_");
        // The grant is the same one, given at the same time: the ETag must still tell the new shape apart.
        assertThat(readIfNoneMatch(patient.id(), analyst.token(), etagBefore).statusCode()).isEqualTo(200);
    }

    @Test
    void aggregatesOnlyAre403AndOutsidersUnknownIdsAndUnknownSourcesAre404() {
        Caller statistician = granted("patient", "AGGREGATE");
        assertThat(read(patient.id(), statistician.token()).statusCode()).isEqualTo(403);

        Caller outsider = newUser("outsider");
        HttpResponse<String> hidden = read(patient.id(), outsider.token());
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(read("no-such-patient", admin).statusCode()).isEqualTo(404);
        HttpResponse<String> unknownSource = get("/api/v1/patients/" + patient.id() + "?source=" + UUID.randomUUID(), admin);
        assertThat(unknownSource.statusCode()).isEqualTo(404);
        assertThat(json(unknownSource).path("detail").asString()).isEqualTo(json(hidden).path("detail").asString());
    }

    @Test
    void badParametersAreRefusedWithEveryProblem() {
        HttpResponse<String> bad = get("/api/v1/patients/bad%20id!?source=not-a-uuid&project=x", admin);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(errorFields(json(bad))).containsExactly("id", "source", "project");
        HttpResponse<String> missing = get("/api/v1/patients/" + patient.id(), admin);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(errorFields(json(missing))).containsExactly("source");
    }


    @Test
    void aSearchMatchesNamesFromTheirStartInAnyCaseAndPagesThroughEveryMatch() {
        List<FhirTestData.PatientValues> all = fhir.data().patientsIn(POSTAL_CODE);
        String family = all.get(0).family();
        List<String> expected = all.stream().filter(p -> p.family().equals(family))
                .map(FhirTestData.PatientValues::id).sorted().toList();
        String prefix = family.substring(0, 2).toUpperCase(Locale.ROOT);

        List<String> found = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> page = get("/api/v1/patients?source=" + sourceId + "&family_name="
                    + encode(prefix) + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor), admin);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode body = json(page);
            assertThat(body.path("result_type").asString()).isEqualTo("IDENTIFIABLE");
            body.path("items").forEach(item -> {
                assertThat(item.path("record").path("family_name").asString()).startsWithIgnoringCase(prefix);
                found.add(item.path("record").path("patient_id").asString());
            });
            cursor = body.path("next_cursor").asString("");
            cursor = cursor.isEmpty() ? null : cursor;
            pages++;
            assertThat(pages).as("pages of one listing").isLessThan(200);
        } while (cursor != null);
        List<String> sameStart = all.stream().filter(p -> p.family().toUpperCase(Locale.ROOT).startsWith(prefix))
                .map(FhirTestData.PatientValues::id).sorted().toList();
        assertThat(found).containsExactlyElementsOf(sameStart).containsAll(expected);
        assertThat(pages).isEqualTo(sameStart.size());

        FhirTestData.PatientValues someone = all.get(1);
        JsonNode exact = json(get("/api/v1/patients?source=" + sourceId + "&first_name=" + encode(someone.given()
                .split(" ")[0].toLowerCase(Locale.ROOT)) + "&birth_date=" + someone.birthDate() + "&postal_code=" + POSTAL_CODE, admin));
        assertThat(exact.path("items").findValuesAsString("patient_id")).contains(someone.id());
        exact.path("items").forEach(item -> assertThat(item.path("record").path("birth_date").asString())
                .isEqualTo(someone.birthDate().toString()));
        assertThat(json(get("/api/v1/patients?source=" + sourceId + "&family_name=Zzyzx", admin)).path("items")).isEmpty();

        JsonNode events = json(get("/api/v1/audit?resource_type=dataset&resource_id=" + datasetId("patient")
                + "&action=patient.search", admin)).path("items");
        assertThat(events.size()).isGreaterThanOrEqualTo(pages);
        assertThat(events.toString()).contains("family_name").doesNotContain(prefix, someone.given().split(" ")[0]);
    }

    @Test
    void aCursorOpensOnlyForItsOwnSearchAndCaller() {
        String cursor = json(get("/api/v1/patients?source=" + sourceId + "&limit=1", admin)).path("next_cursor").asString();
        assertThat(cursor).isNotBlank();
        assertThat(get("/api/v1/patients?source=" + sourceId + "&limit=1&cursor=" + cursor, admin).statusCode())
                .isEqualTo(200);

        HttpResponse<String> otherSearch = get("/api/v1/patients?source=" + sourceId + "&postal_code=02139&cursor="
                + cursor, admin);
        assertThat(otherSearch.statusCode()).isEqualTo(400);
        assertThat(errorFields(json(otherSearch))).containsExactly("cursor");
        Caller reader = granted("patient", "IDENTIFIABLE");
        assertThat(get("/api/v1/patients?source=" + sourceId + "&limit=1&cursor=" + cursor, reader.token())
                .statusCode()).isEqualTo(400);
        String tampered = (cursor.charAt(5) == 'A' ? "B" : "A");
        assertThat(get("/api/v1/patients?source=" + sourceId + "&limit=1&cursor=" + cursor.substring(0, 5) + tampered
                + cursor.substring(6), admin).statusCode()).isEqualTo(400);
    }

    @Test
    void aPseudonymisedReaderSearchesByWhatTheySeeButNotByNames() {
        Caller analyst = granted("patient", "PSEUDONYMISED");
        FhirTestData.PatientValues someone = fhir.data().patientsIn(POSTAL_CODE).get(0);

        HttpResponse<String> byName = get("/api/v1/patients?source=" + sourceId + "&family_name="
                + encode(someone.family()) + "&birth_date=" + someone.birthDate(), analyst.token());
        assertThat(byName.statusCode()).isEqualTo(403);
        assertThat(json(byName).path("parameters").toString()).contains("family_name").doesNotContain("birth_date");

        JsonNode byBirth = json(get("/api/v1/patients?source=" + sourceId + "&birth_date=" + someone.birthDate(),
                analyst.token()));
        assertThat(byBirth.path("result_type").asString()).isEqualTo("PSEUDONYMISED");
        assertThat(byBirth.path("items").findValuesAsString("patient_id")).contains(someone.id());
        byBirth.path("items").forEach(item -> assertThat(item.path("record").path("family_name").asString())
                .startsWith("tk_"));
        assertThat(byBirth.toString()).doesNotContain(someone.mrn());

        JsonNode denied = json(get("/api/v1/audit?resource_type=dataset&resource_id=" + datasetId("patient")
                + "&action=patient.search&decision=DENIED", admin)).path("items");
        assertThat(denied.toString()).contains("forbidden").doesNotContain(someone.family());
    }

    @Test
    void searchesByOutsidersAndAggregateReadersAreRefusedAndBadParametersListed() {
        assertThat(get("/api/v1/patients?source=" + sourceId, newUser("outsider").token()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/patients?source=" + sourceId, granted("patient", "AGGREGATE").token()).statusCode())
                .isEqualTo(403);
        HttpResponse<String> bad = get("/api/v1/patients?source=" + sourceId + "&family_name=" + encode("Sm%")
                + "&first_name=" + "x".repeat(101) + "&postal_code=" + encode("02139;") + "&birth_date=1990-02-30"
                + "&limit=0&project=nope", admin);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(errorFields(json(bad))).containsExactly("family_name", "first_name", "postal_code", "birth_date",
                "project", "limit");
        assertThat(errorFields(json(get("/api/v1/patients", admin)))).containsExactly("source");
    }

    private HttpResponse<String> read(String id, String token) {
        return get("/api/v1/patients/" + id + "?source=" + sourceId, token);
    }

    private HttpResponse<String> readIfNoneMatch(String id, String token, String etag) {
        return sendWithHeader("GET", "/api/v1/patients/" + id + "?source=" + sourceId, token, null, "If-None-Match", etag);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
