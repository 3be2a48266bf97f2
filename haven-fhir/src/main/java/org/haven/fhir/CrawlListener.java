package org.haven.fhir;

import java.net.URI;
import java.time.Duration;

/**
 * Progress of a crawl, for logs and metrics. Called from several threads at once; implementations must be
 * thread-safe and quick. URLs may hold a postal code or a patient id: treat them as personal data in logs.
 */
public interface CrawlListener {

    CrawlListener NONE = new CrawlListener() { };

    /** A Bundle page arrived with this many resources of the searched type. */
    default void pageFetched(ResourceKind kind, URI url, int resources) {
    }

    /** A request failed and will be tried again after {@code delay}; {@code reason} is a status or a cause. */
    default void retrying(URI url, int attempt, String reason, Duration delay) {
    }

    /** All Observations of one patient have been handed to the sink. */
    default void patientDone(String patientId, int observations) {
    }
}
