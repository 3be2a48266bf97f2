package org.haven.server.fhir.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.haven.fhir.PatientRecords;
import org.haven.privacy.Deidentifier;
import org.haven.privacy.KeyRing;
import org.haven.privacy.KeysetInfo;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.errors.FieldErrors;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.Actors;
import org.haven.server.identity.CurrentPrincipal;
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
 * One served Patient, read from {@code fhir_patients} as the caller's permission on the tenant's {@code patient}
 * dataset allows: the values for an identifiable reader, tokens for the DIRECT fields (or what the grant's policy
 * says) for a pseudonymised one. A patient is named by its source and its id on that source's server, the table's
 * key: ids are unique only within a server, and the source also names the tenant. Every read is audited with its
 * result type and count, never a value.
 */
@RestController
class PatientReadController {

    /** FHIR's rule for a logical id. */
    private static final Pattern LOGICAL_ID = Pattern.compile("[A-Za-z0-9.\\-]{1,64}");

    private final ServedViews views;
    private final ServedPatients patients;
    private final KeyRing keys;
    private final AuditTrail audit;

    PatientReadController(ServedViews views, ServedPatients patients, KeyRing keys, AuditTrail audit) {
        this.views = views;
        this.patients = patients;
        this.keys = keys;
        this.audit = audit;
    }

    @GetMapping("/api/v1/patients/{id}")
    @AuthorizesOnData("read_pseudonymised on the patient dataset of the source's tenant, checked in ServedViews")
    ResponseEntity<Map<String, Object>> patient(@PathVariable String id, @RequestParam(required = false) String source,
            @RequestParam(required = false) String project,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        FieldErrors errors = new FieldErrors();
        if (!LOGICAL_ID.matcher(id).matches()) {
            errors.add("id", "must be a FHIR logical id: 1 to 64 letters, digits, '-' and '.'");
        }
        UUID sourceId = uuid(source, "source", true, errors);
        UUID projectId = uuid(project, "project", false, errors);
        errors.check("request");

        Map<String, String> details = new LinkedHashMap<>();
        details.put("source_id", sourceId.toString());
        ServedView view;
        try {
            view = views.of(CurrentPrincipal.require().subject(), sourceId, "patient", projectId);
        } catch (HavenException refused) {
            details.put("refused", refused.errorCode().code());
            audit.record(Actors.current(), "patient.read", new AuditResource("fhir_source", sourceId.toString()),
                    Decision.DENIED, refused.errorCode().code(), details);
            throw refused;
        }
        view.describe(details);
        ServedPatients.ServedPatient found = patients.find(view.tenantId(), sourceId, id).orElse(null);
        details.put("count", found == null ? "0" : "1");
        if (found == null) {
            audit.record(Actors.current(), "patient.read", new AuditResource("dataset", view.datasetId().toString()),
                    Decision.SUCCEEDED, null, details);
            throw ServedViews.notFound();
        }
        String etag = etag(found.contentHash(), view);
        if (etag.equals(ifNoneMatch)) {
            details.put("not_modified", "true");
            audit.record(Actors.current(), "patient.read", new AuditResource("dataset", view.datasetId().toString()),
                    Decision.SUCCEEDED, null, details);
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        Map<String, Object> record = found.record();
        Deidentifier deidentifier = view.deidentifier(PatientRecords.SCHEMA, keys);
        if (deidentifier != null) {
            record = deidentifier.apply(record);
            details.put("policy_hash", deidentifier.summary().policyHash());
            details.put("keysets", String.join(",", deidentifier.summary().keysets().stream()
                    .map(KeysetInfo::keysetId).toList()));
        }
        audit.record(Actors.current(), "patient.read", new AuditResource("dataset", view.datasetId().toString()),
                Decision.SUCCEEDED, null, details);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source_id", sourceId.toString());
        body.put("result_type", view.resultType().name());
        body.put("updated_at", found.updatedAt().toString());
        body.put("record", asJson(record));
        return ResponseEntity.ok().eTag(etag).header("Haven-Result-Type", view.resultType().name()).body(body);
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

    /** Dates and date-times as ISO-8601 text, as the dataset's downloads write them. */
    private static Map<String, Object> asJson(Map<String, Object> record) {
        Map<String, Object> json = new LinkedHashMap<>();
        record.forEach((name, value) -> json.put(name, value == null || value instanceof String ? value : value.toString()));
        return json;
    }

    private static UUID uuid(String text, String field, boolean required, FieldErrors errors) {
        if (text == null || text.isEmpty()) {
            if (required) {
                errors.add(field, "is required");
            }
            return null;
        }
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        errors.add(field, "must be a UUID");
        return null;
    }
}
