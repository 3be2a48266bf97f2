package org.haven.fhir;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * How Haven authenticates to a FHIR server. Secrets never appear in {@link #toString()}: settings end up in logs and
 * error messages.
 */
public sealed interface FhirAuth {

    static FhirAuth none() {
        return new None();
    }

    static FhirAuth basic(String username, String password) {
        return new Basic(username, password);
    }

    static FhirAuth bearer(String token) {
        return new Bearer(token);
    }

    /** OAuth2 client credentials; {@code scope} may be empty when the token endpoint needs none. */
    static FhirAuth clientCredentials(URI tokenUrl, String clientId, String clientSecret, String scope) {
        return new ClientCredentials(tokenUrl, clientId, clientSecret, scope);
    }

    /** Every problem with these settings, each a sentence naming the setting; empty when usable. */
    List<String> problems();

    /** Whether requests carry a credential, which must then not travel in plain text. */
    default boolean sendsCredentials() {
        return !(this instanceof None);
    }

    /** No authentication: an open server, or one reached through a trusted network path. */
    record None() implements FhirAuth {
        @Override
        public List<String> problems() {
            return List.of();
        }

        @Override
        public String toString() {
            return "none";
        }
    }

    /** HTTP basic authentication. */
    record Basic(String username, String password) implements FhirAuth {
        @Override
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (username == null || username.isBlank()) {
                problems.add("auth.username is required for basic authentication");
            } else if (username.indexOf(':') >= 0) {
                problems.add("auth.username cannot contain ':' in basic authentication");
            }
            if (password == null || password.isEmpty()) {
                problems.add("auth.password is required for basic authentication");
            }
            return problems;
        }

        @Override
        public String toString() {
            return "basic(username=" + username + ", password=***)";
        }
    }

    /** A fixed bearer token issued out of band. */
    record Bearer(String token) implements FhirAuth {
        @Override
        public List<String> problems() {
            return token == null || token.isBlank() ? List.of("auth.token is required for bearer authentication")
                    : List.of();
        }

        @Override
        public String toString() {
            return "bearer(token=***)";
        }
    }

    /**
     * OAuth2 client credentials (RFC 6749 section 4.4). The access token is cached until shortly before it expires,
     * so a crawl asks the token endpoint once rather than once per request.
     */
    record ClientCredentials(URI tokenUrl, String clientId, String clientSecret, String scope) implements FhirAuth {

        public ClientCredentials {
            scope = scope == null ? "" : scope.strip();
        }

        @Override
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            problems.addAll(FhirSourceSettings.urlProblems("auth.token_url", tokenUrl, true));
            if (clientId == null || clientId.isBlank()) {
                problems.add("auth.client_id is required for client credentials");
            }
            if (clientSecret == null || clientSecret.isEmpty()) {
                problems.add("auth.client_secret is required for client credentials");
            }
            return problems;
        }

        @Override
        public String toString() {
            return "client_credentials(token_url=" + tokenUrl + ", client_id=" + clientId + ", client_secret=***"
                    + (scope.isEmpty() ? "" : ", scope=" + scope) + ")";
        }
    }
}
