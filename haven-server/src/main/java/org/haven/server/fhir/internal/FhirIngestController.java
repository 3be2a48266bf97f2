package org.haven.server.fhir.internal;

import java.util.UUID;
import org.haven.fhir.PostalCodeCrawl;
import org.haven.server.errors.FieldErrors;
import org.haven.server.fhir.FhirSource;
import org.haven.server.fhir.FhirSourceService;
import org.haven.server.web.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts an ingest of one postal code from a FHIR source. Bringing data in from a source is what {@code write} on
 * it grants (as for uploads); the run then writes the tenant's {@code patient} and {@code observation} datasets.
 */
@RestController
class FhirIngestController {

    private final FhirSourceService sources;
    private final IngestRuns runs;

    FhirIngestController(FhirSourceService sources, IngestRuns runs) {
        this.sources = sources;
        this.runs = runs;
    }

    record IngestRequest(String postalCode) {}

    /** 202 with the run: a new one, or the one still queued or running for the same source and postal code. */
    @PostMapping("/api/v1/sources/{sourceId}/fhir/ingest")
    @RequiresPermission(resourceType = "data_source", idFrom = "sourceId", permission = "write")
    ResponseEntity<IngestRuns.IngestRun> ingest(@PathVariable UUID sourceId, @RequestBody(required = false) IngestRequest request) {
        String postalCode = request == null ? null : request.postalCode();
        FieldErrors errors = new FieldErrors();
        if (postalCode == null || postalCode.isBlank()) {
            errors.add("postal_code", "postal_code is required");
        } else if (postalCode.length() > PostalCodeCrawl.MAX_POSTAL_CODE_LENGTH) {
            errors.add("postal_code", "postal_code must be at most " + PostalCodeCrawl.MAX_POSTAL_CODE_LENGTH + " characters");
        }
        errors.check("ingest request");
        FhirSource source = sources.get(sourceId);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(runs.startOrJoin(source, postalCode.strip()));
    }
}
