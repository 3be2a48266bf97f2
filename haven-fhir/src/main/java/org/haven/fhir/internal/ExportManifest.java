package org.haven.fhir.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import org.haven.fhir.FhirError;
import org.haven.fhir.FhirSourceException;

import tools.jackson.databind.JsonNode;

/**
 * The completion manifest of a FHIR Bulk Data export (the status URL's 200 answer): whether its files need the access
 * token, the output files by resource type, and the error files (NDJSON of OperationOutcomes).
 */
public record ExportManifest(String transactionTime, boolean requiresAccessToken, List<File> output,
        List<File> error) {

    /** One file of the manifest: the resource type it holds, where it is, and the count the server stated (or -1). */
    public record File(String type, URI url, long count) {
    }

    public static ExportManifest parse(URI statusUrl, URI baseUrl, String body) {
        JsonNode manifest = Json.parse(body);
        if (manifest == null || !manifest.isObject()) {
            throw invalid(statusUrl, "the manifest is not a JSON object");
        }
        JsonNode output = manifest.get("output");
        if (output == null || !output.isArray()) {
            throw invalid(statusUrl, "the manifest has no output array");
        }
        JsonNode requires = manifest.get("requiresAccessToken");
        if (requires != null && !requires.isBoolean()) {
            throw invalid(statusUrl, "requiresAccessToken is not a boolean");
        }
        return new ExportManifest(Json.string(manifest, "transactionTime"), requires != null && requires.asBoolean(),
                files(statusUrl, baseUrl, output, "output"), files(statusUrl, baseUrl, manifest.path("error"),
                        "error"));
    }

    private static List<File> files(URI statusUrl, URI baseUrl, JsonNode array, String name) {
        List<File> files = new ArrayList<>();
        for (JsonNode entry : array) {
            String type = Json.string(entry, "type");
            String url = Json.string(entry, "url");
            if (type == null || url == null || url.isBlank()) {
                throw invalid(statusUrl, "an entry of " + name + " lacks its type or url");
            }
            URI resolved;
            try {
                resolved = baseUrl.resolve(new URI(url.strip()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw invalid(statusUrl, "an entry of " + name + " has a url that is not a URL");
            }
            String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw invalid(statusUrl, "an entry of " + name + " is not an http or https URL");
            }
            JsonNode count = entry.get("count");
            files.add(new File(type, resolved, count != null && count.canConvertToLong() ? count.asLong() : -1));
        }
        return List.copyOf(files);
    }

    private static FhirSourceException invalid(URI url, String why) {
        return new FhirSourceException(FhirError.INVALID_RESPONSE, url, 200,
                url + " gave an invalid bulk export manifest: " + why, null);
    }
}
