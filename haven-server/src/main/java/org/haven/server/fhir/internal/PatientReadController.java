package org.haven.server.fhir.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.fhir.PatientRecords;
import org.haven.server.errors.FieldErrors;
import org.haven.server.web.AuthorizesOnData;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Served Patients, read from {@code fhir_patients} as the caller's permission on the tenant's {@code patient}
 * dataset allows: the values for an identifiable reader, tokens for the DIRECT fields (or what the grant's policy
 * says) for a pseudonymised one. A patient is named by its source and its id on that source's server, the table's
 * key: ids are unique only within a server, and the source also names the tenant. Every read is audited with its
 * result type, filters and count, never a value.
 */
@RestController
class PatientReadController {

    private static final String READ = "patient.read";
    private static final String SEARCH = "patient.search";

    private final ServedReads reads;
    private final ServedPatients patients;
    private final PageCursors cursors;

    PatientReadController(ServedReads reads, ServedPatients patients, PageCursors cursors) {
        this.reads = reads;
        this.patients = patients;
        this.cursors = cursors;
    }

    @GetMapping("/api/v1/patients/{id}")
    @AuthorizesOnData(value = "read_pseudonymised on the patient dataset of the source's tenant, checked in ServedViews",
            auditsItsDecision = true)
    ResponseEntity<Map<String, Object>> patient(@PathVariable String id, @RequestParam(required = false) String source,
            @RequestParam(required = false) String project,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        FieldErrors errors = new FieldErrors();
        ReadParameters.logicalId(id, "id", true, errors);
        UUID sourceId = ReadParameters.uuid(source, "source", true, errors);
        UUID projectId = ReadParameters.uuid(project, "project", false, errors);
        errors.check("request");

        // Looking a patient up by id is a search by patient_id: refused where the caller sees it transformed.
        ServedReads.Read read = reads.open(READ, sourceId, "patient", PatientRecords.SCHEMA, projectId,
                Map.of("id", List.of("patient_id")));
        ServedRow found = patients.find(read.view().tenantId(), sourceId, id).orElse(null);
        if (found == null) {
            read.done(0, Map.of());
            throw ServedViews.notFound();
        }
        String etag = etag(found.contentHash(), read.view());
        if (etag.equals(ifNoneMatch)) {
            read.done(1, Map.of("not_modified", "true"));
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        Map<String, Object> body = read.answer();
        body.putAll(ServedPage.item(found, read.shape()));
        read.done(1, Map.of());
        return ResponseEntity.ok().eTag(etag).header(ServedReads.RESULT_TYPE_HEADER, read.view().resultType().name())
                .body(body);
    }

    @GetMapping("/api/v1/patients")
    @AuthorizesOnData(value = "read_pseudonymised on the patient dataset of the source's tenant, checked in ServedViews",
            auditsItsDecision = true)
    ResponseEntity<Map<String, Object>> search(@RequestParam(required = false) String source,
            @RequestParam(name = "family_name", required = false) String familyName,
            @RequestParam(name = "first_name", required = false) String firstName,
            @RequestParam(name = "postal_code", required = false) String postalCode,
            @RequestParam(name = "birth_date", required = false) String birthDate,
            @RequestParam(required = false) String project, @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        FieldErrors errors = new FieldErrors();
        UUID sourceId = ReadParameters.uuid(source, "source", true, errors);
        ServedPatients.Search search = new ServedPatients.Search(
                ReadParameters.name(familyName, "family_name", errors), ReadParameters.name(firstName, "first_name", errors),
                ReadParameters.postalCode(postalCode, errors), ReadParameters.date(birthDate, "birth_date", errors));
        UUID projectId = ReadParameters.uuid(project, "project", false, errors);
        int pageSize = ReadParameters.limit(limit, errors);
        errors.check("search");

        Map<String, List<String>> used = new LinkedHashMap<>();
        ServedReads.filter(used, "family_name", search.familyName(), "family_name");
        ServedReads.filter(used, "first_name", search.firstName(), "given_names");
        ServedReads.filter(used, "postal_code", search.postalCode(), "postal_code");
        ServedReads.filter(used, "birth_date", search.birthDate(), "birth_date");
        ServedReads.Read read = reads.open(SEARCH, sourceId, "patient", PatientRecords.SCHEMA, projectId, used);

        PageCursors.Binding binding = new PageCursors.Binding(read.view().tenantId(), "patients", sourceId,
                read.subject(), List.of(String.valueOf(projectId), String.valueOf(search.familyName()),
                        String.valueOf(search.firstName()), String.valueOf(search.postalCode()),
                        String.valueOf(search.birthDate())));
        FieldErrors cursorErrors = new FieldErrors();
        List<String> after = cursors.open(binding, cursor, cursorErrors);
        cursorErrors.check("search");

        List<ServedRow> rows = patients.search(read.view().tenantId(), sourceId, search,
                after == null ? null : after.get(0), pageSize + 1);
        ServedPage page = ServedPage.of(rows, pageSize, last -> cursors.seal(binding,
                List.of((String) last.record().get("patient_id"))), read.shape());
        read.done(page.items().size(), Map.of());
        Map<String, Object> body = read.answer();
        page.writeTo(body);
        return ResponseEntity.ok().header(ServedReads.RESULT_TYPE_HEADER, read.view().resultType().name()).body(body);
    }

    /**
     * Changes when the row's content does, and differs between result types and grants, since the same row reads
     * differently through each: a cached pseudonymised answer must never satisfy an identifiable request.
     */
    static String etag(byte[] contentHash, ServedView view) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(contentHash);
            digest.update(view.representationKey().getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest.digest(), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
