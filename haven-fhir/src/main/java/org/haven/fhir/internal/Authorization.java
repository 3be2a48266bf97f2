package org.haven.fhir.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

import org.haven.fhir.FhirAuth;

/** The {@code Authorization} header for FHIR requests under one {@link FhirAuth}. */
abstract class Authorization {

    static Authorization of(FhirAuth auth, FhirHttp http, Clock clock) {
        if (auth instanceof FhirAuth.Basic basic) {
            return fixed("Basic " + basicCredentials(basic.username(), basic.password()));
        }
        if (auth instanceof FhirAuth.Bearer bearer) {
            return fixed("Bearer " + bearer.token());
        }
        if (auth instanceof FhirAuth.ClientCredentials credentials) {
            return new ClientCredentialsTokens(credentials, http, clock);
        }
        return fixed(null);
    }

    /** The header to send, fetching a token first when none is cached; empty without authentication. */
    abstract Optional<String> header();

    /** Whether {@link #renew} can give a different credential (only a token endpoint can). */
    boolean canRenew() {
        return false;
    }

    /** Forget {@code rejectedHeader} if it is the cached one, so the next {@link #header()} fetches a new token. */
    void renew(String rejectedHeader) {
    }

    static String basicCredentials(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Authorization fixed(String header) {
        Optional<String> value = Optional.ofNullable(header);
        return new Authorization() {
            @Override
            Optional<String> header() {
                return value;
            }

            @Override
            public String toString() {
                return "Authorization[fixed]";
            }
        };
    }
}
