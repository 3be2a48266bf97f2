package org.haven.fhir.internal;

import java.net.URI;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.fhir.FhirError;
import org.haven.fhir.FhirSourceException;

import tools.jackson.databind.JsonNode;

/**
 * One line of a bulk export's NDJSON file, read as a JSON tree (like a Bundle page, so a malformed resource still
 * reaches staging as sent): its type, logical id, compact JSON, and what decides whether it belongs to a postal code:
 * a Patient's address postal codes, an Observation's subject.
 */
public record ExportedResource(String resourceType, String id, String json, List<String> postalCodes,
        String subjectPatientId) {

    private static final Pattern PATIENT_REFERENCE = Pattern.compile("(?:^|/)Patient/([^/?#]+)(?:/_history/[^/]*)?$");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    public static ExportedResource parse(URI file, String text) {
        JsonNode resource = Json.parse(text);
        if (resource == null || !resource.isObject()) {
            throw new FhirSourceException(FhirError.INVALID_RESPONSE, file, 200,
                    file + " has a line that is not a JSON object", null);
        }
        String id = Json.string(resource, "id");
        List<String> postalCodes = new ArrayList<>();
        for (JsonNode address : resource.path("address")) {
            String code = Json.string(address, "postalCode");
            if (code != null) {
                postalCodes.add(code);
            }
        }
        return new ExportedResource(Json.string(resource, "resourceType"), id == null || id.isBlank() ? null : id,
                Json.compact(resource), List.copyOf(postalCodes),
                patientId(Json.string(resource.path("subject"), "reference")));
    }

    /**
     * Whether one of the addresses matches {@code postalCode} as FHIR's string search {@code address-postalcode}
     * does: from the start, ignoring case and accents. The client applies the same rule as the server's search so
     * that an export holds the same Patients as the crawl.
     */
    public boolean hasPostalCode(String postalCode) {
        String wanted = normalise(postalCode);
        return postalCodes.stream().anyMatch(code -> normalise(code).startsWith(wanted));
    }

    /** The id of a {@code Patient/ID} reference (relative, absolute or versioned); null for anything else. */
    static String patientId(String reference) {
        if (reference == null) {
            return null;
        }
        Matcher matcher = PATIENT_REFERENCE.matcher(reference.strip());
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String normalise(String value) {
        String decomposed = Normalizer.normalize(value.strip(), Normalizer.Form.NFD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
