package org.haven.fhir.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.haven.fhir.FhirAuth;
import org.haven.fhir.FhirError;
import org.haven.fhir.FhirSourceException;

import tools.jackson.databind.JsonNode;

/**
 * OAuth2 client credentials with the access token cached until shortly before it expires (a tenth of its lifetime,
 * at most 60 s, early), so concurrent requests share one token and none is sent in its last seconds. The client
 * authenticates with HTTP basic (client_secret_basic, which RFC 6749 requires every server to accept).
 */
final class ClientCredentialsTokens extends Authorization {

    /** Lifetime assumed when the token endpoint does not say: short, so an unknown expiry costs little. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    private static final Duration MAX_EARLY_REFRESH = Duration.ofSeconds(60);

    private final FhirAuth.ClientCredentials credentials;
    private final FhirHttp http;
    private final Clock clock;
    private String header;
    private Instant refreshAt = Instant.MIN;

    ClientCredentialsTokens(FhirAuth.ClientCredentials credentials, FhirHttp http, Clock clock) {
        this.credentials = credentials;
        this.http = http;
        this.clock = clock;
    }

    @Override
    synchronized Optional<String> header() {
        if (header == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return Optional.of(header);
    }

    @Override
    boolean canRenew() {
        return true;
    }

    @Override
    synchronized void renew(String rejectedHeader) {
        if (rejectedHeader.equals(header)) {
            header = null;
        }
    }

    private void fetch() {
        URI tokenUrl = credentials.tokenUrl();
        String form = "grant_type=client_credentials"
                + (credentials.scope().isEmpty() ? "" : "&scope=" + encode(credentials.scope()));
        String client = "Basic " + basicCredentials(encode(credentials.clientId()), encode(credentials.clientSecret()));
        String body;
        try {
            body = http.postForm(tokenUrl, form, client);
        } catch (FhirSourceException e) {
            if (e.error() == FhirError.REQUEST_REJECTED) {
                // The token endpoint answers 400 invalid_client / unauthorized_client for bad credentials.
                throw new FhirSourceException(FhirError.AUTHENTICATION_FAILED, tokenUrl,
                        e.lastStatus().orElse(0), "token endpoint " + tokenUrl + " refused the client: "
                                + e.getMessage(), null);
            }
            throw e;
        }
        JsonNode token = Json.parse(body);
        String accessToken = Json.string(token, "access_token");
        if (accessToken == null || accessToken.isBlank()) {
            throw new FhirSourceException(FhirError.AUTHENTICATION_FAILED, tokenUrl, 200,
                    "token endpoint " + tokenUrl + " answered without an access_token", null);
        }
        JsonNode expiresIn = token.get("expires_in");
        Duration lifetime = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                ? Duration.ofSeconds(expiresIn.asLong()) : DEFAULT_LIFETIME;
        Duration early = lifetime.dividedBy(10);
        if (early.compareTo(MAX_EARLY_REFRESH) > 0) {
            early = MAX_EARLY_REFRESH;
        }
        header = "Bearer " + accessToken;
        refreshAt = clock.instant().plus(lifetime).minus(early);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ClientCredentialsTokens[" + credentials + "]";
    }
}
