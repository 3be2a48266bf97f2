package org.haven.fhir;

import java.net.URI;
import java.util.OptionalInt;

/**
 * A crawl could not go on. The message names the URL (never a credential) and the last HTTP status or cause;
 * {@link #isRetryable()} says whether running the same crawl again later may succeed.
 */
public class FhirSourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final FhirError error;
    private final URI url;
    private final int lastStatus;

    public FhirSourceException(FhirError error, URI url, int lastStatus, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
        this.url = url;
        this.lastStatus = lastStatus;
    }

    public FhirError error() {
        return error;
    }

    public URI url() {
        return url;
    }

    /** The last HTTP status received for {@link #url()}; empty when no response came. */
    public OptionalInt lastStatus() {
        return lastStatus > 0 ? OptionalInt.of(lastStatus) : OptionalInt.empty();
    }

    public boolean isRetryable() {
        return error.isRetryable();
    }
}
