package org.haven.server.fhir.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.haven.fhir.FhirAuth;
import org.haven.fhir.FhirSettingsException;
import org.haven.fhir.FhirSourceSettings;
import org.haven.server.errors.FieldErrors;
import org.haven.server.fhir.FhirSource;
import org.haven.server.fhir.NewFhirSource;

/**
 * Turns a request body into {@link FhirSourceSettings}, gathering every problem: those of the body's shape found
 * here, then every rule of the settings themselves (which the library checks, so the server and the crawl agree).
 */
public final class SourceSettingsReader {

    private static final FhirSourceSettings DEFAULTS = FhirSourceSettings.of(URI.create("http://127.0.0.1/"), FhirAuth.none());
    private static final URI PLACEHOLDER = URI.create("http://127.0.0.1/");

    private static final List<String> MODES = List.of(FhirSource.SEARCH, FhirSource.BULK_EXPORT);

    private SourceSettingsReader() {}

    /** The body's mode, {@code search} when absent; {@link #read} has refused any other value. */
    public static String mode(NewFhirSource body) {
        return body.mode() == null ? FhirSource.SEARCH : body.mode().strip().toLowerCase(Locale.ROOT);
    }

    /** The settings, or a validation problem listing everything wrong with the body. */
    public static FhirSourceSettings read(NewFhirSource body) {
        FieldErrors errors = new FieldErrors();
        if (body.name() == null || body.name().isBlank()) {
            errors.add("name", "name is required");
        } else if (body.name().length() > 200) {
            errors.add("name", "name must be at most 200 characters");
        }
        if (body.description() != null && body.description().length() > 2000) {
            errors.add("description", "description must be at most 2000 characters");
        }
        if (body.mode() != null && !MODES.contains(mode(body))) {
            errors.add("mode", "mode must be search or bulk_export");
        }
        URI baseUrl = uri(errors, "base_url", body.baseUrl());
        FhirAuth auth = auth(errors, body.auth());
        int pageSize = body.pageSize() == null ? DEFAULTS.pageSize() : body.pageSize();
        int concurrency = body.concurrency() == null ? DEFAULTS.concurrency() : body.concurrency();
        double rate = body.requestsPerSecond() == null ? DEFAULTS.requestsPerSecond() : body.requestsPerSecond();
        Duration connect = seconds(body.connectTimeoutSeconds(), DEFAULTS.connectTimeout());
        Duration read = seconds(body.readTimeoutSeconds(), DEFAULTS.readTimeout());
        int attempts = body.maxAttempts() == null ? DEFAULTS.maxAttempts() : body.maxAttempts();
        FhirSourceSettings settings = null;
        try {
            // The canonical constructor checks every value at once, so one answer lists every problem.
            settings = new FhirSourceSettings(baseUrl == null ? PLACEHOLDER : baseUrl, auth == null ? FhirAuth.none() : auth,
                    pageSize, concurrency, rate, connect, read, attempts, DEFAULTS.initialBackoff(),
                    DEFAULTS.maxBackoff());
        } catch (FhirSettingsException e) {
            for (String problem : e.problems()) {
                errors.add(fieldOf(problem), problem);
            }
        }
        errors.check("FHIR source");
        return settings;
    }

    private static FhirAuth auth(FieldErrors errors, NewFhirSource.Auth auth) {
        if (auth == null || auth.type() == null) {
            errors.add("auth.type", "auth.type is required: none, basic, bearer or client_credentials");
            return null;
        }
        return switch (auth.type().toLowerCase(Locale.ROOT)) {
            case "none" -> FhirAuth.none();
            case "basic" -> FhirAuth.basic(auth.username(), auth.password());
            case "bearer" -> FhirAuth.bearer(auth.token());
            case "client_credentials" -> {
                URI tokenUrl = uri(errors, "auth.token_url", auth.tokenUrl());
                yield tokenUrl == null ? null
                        : FhirAuth.clientCredentials(tokenUrl, auth.clientId(), auth.clientSecret(), auth.scope());
            }
            default -> {
                errors.add("auth.type", "auth.type must be none, basic, bearer or client_credentials");
                yield null;
            }
        };
    }

    private static URI uri(FieldErrors errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(field, field + " is required");
            return null;
        }
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                errors.add(field, field + " must be an absolute http or https URL");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            errors.add(field, field + " is not a valid URL");
            return null;
        }
    }

    private static Duration seconds(Double value, Duration fallback) {
        return value == null ? fallback : Duration.ofMillis(Math.round(value * 1000));
    }

    /** The library's problems start with the setting's name ("page_size must be ..."); timeouts are sent in seconds. */
    private static String fieldOf(String problem) {
        String first = problem.split(" ", 2)[0];
        return switch (first) {
            case "connect_timeout", "read_timeout" -> first + "_seconds";
            default -> first;
        };
    }
}
