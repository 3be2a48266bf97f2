package org.haven.server.fhir;

/**
 * A request to add a FHIR source. Absent tuning values take the defaults of {@code FhirSourceSettings.of}; the
 * secrets in {@code auth} are sealed when stored and never returned. {@code mode} is how an ingest reads the server,
 * {@link FhirSource#SEARCH} (the default) or {@link FhirSource#BULK_EXPORT}.
 */
public record NewFhirSource(String name, String description, String baseUrl, Auth auth, Integer pageSize,
        Integer concurrency, Double requestsPerSecond, Double connectTimeoutSeconds, Double readTimeoutSeconds,
        Integer maxAttempts, String mode) {

    /** {@code type} is none, basic (username, password), bearer (token) or client_credentials (token_url, client_id, client_secret, scope). */
    public record Auth(String type, String username, String password, String token, String tokenUrl, String clientId,
            String clientSecret, String scope) {

        @Override
        public String toString() {
            // Requests may be logged when they fail to bind; the secrets must not be.
            return "Auth[type=" + type + "]";
        }
    }
}
