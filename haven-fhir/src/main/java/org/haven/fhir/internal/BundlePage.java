package org.haven.fhir.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.haven.fhir.FhirError;
import org.haven.fhir.FhirSourceException;
import org.haven.fhir.ResourceKind;

import tools.jackson.databind.JsonNode;

/**
 * One page of a searchset Bundle: the resources of the searched type, each as compact JSON text with its logical id
 * (null when missing), and the {@code next} link as the server wrote it. Read as a JSON tree rather than through a
 * FHIR model, so a malformed resource still reaches staging intact and is judged (and rejected with a reason) when
 * it is flattened, instead of being silently repaired by a lenient parser here.
 */
public record BundlePage(List<Entry> entries, Optional<String> nextLink) {

    /** A resource of the page: its logical id (null when it has none) and its JSON text on one line. */
    public record Entry(String id, String json) {
    }

    public static BundlePage parse(URI url, String body, ResourceKind kind) {
        JsonNode bundle = Json.parse(body);
        if (bundle == null || !bundle.isObject()) {
            throw invalid(url, "the response is not JSON");
        }
        if (!"Bundle".equals(Json.string(bundle, "resourceType"))) {
            throw invalid(url, "expected a Bundle, got " + describeType(Json.string(bundle, "resourceType")));
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.get("resource");
            // Servers may add an OperationOutcome (search mode "outcome") or included resources to a page.
            if (resource == null || !kind.fhirType().equals(Json.string(resource, "resourceType"))
                    || "outcome".equals(Json.string(entry.path("search"), "mode"))) {
                continue;
            }
            String id = Json.string(resource, "id");
            entries.add(new Entry(id == null || id.isBlank() ? null : id, Json.compact(resource)));
        }
        String next = null;
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(Json.string(link, "relation"))) {
                next = Json.string(link, "url");
            }
        }
        return new BundlePage(List.copyOf(entries), Optional.ofNullable(next).filter(s -> !s.isBlank()));
    }

    private static String describeType(String type) {
        return type == null ? "no resourceType" : type.length() > 40 ? "an unknown resourceType" : type;
    }

    private static FhirSourceException invalid(URI url, String why) {
        return new FhirSourceException(FhirError.INVALID_RESPONSE, url, 200, url + " gave an invalid page: " + why,
                null);
    }
}
