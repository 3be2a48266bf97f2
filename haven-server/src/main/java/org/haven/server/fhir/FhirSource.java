package org.haven.server.fhir;

import java.time.Instant;
import java.util.UUID;

/**
 * A FHIR source as the API shows it: everything but its secrets. {@code auth} names the method and the parts of it
 * that are not secret (user name, token endpoint, client id, scope). {@code mode} is how an ingest reads the server:
 * {@link #SEARCH} pages searches ({@code PostalCodeCrawl}), {@link #BULK_EXPORT} runs a FHIR Bulk Data export
 * ({@code PostalCodeExport}).
 */
public record FhirSource(UUID id, UUID tenantId, String name, String description, String baseUrl, Auth auth,
        int pageSize, int concurrency, double requestsPerSecond, double connectTimeoutSeconds,
        double readTimeoutSeconds, int maxAttempts, String mode, String createdBy, Instant createdAt) {

    /** Ingest by paging {@code Patient} and {@code Observation} searches. */
    public static final String SEARCH = "search";
    /** Ingest with an asynchronous {@code Patient/$export}. */
    public static final String BULK_EXPORT = "bulk_export";

    /** The authentication method without its password, token or client secret. */
    public record Auth(String type, String username, String tokenUrl, String clientId, String scope) {}
}
