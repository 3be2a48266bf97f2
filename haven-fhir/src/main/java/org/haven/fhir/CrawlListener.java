package org.haven.fhir;

import java.net.URI;
import java.time.Duration;

/**
 * Progress of a crawl or a bulk export, for logs and metrics. Called from several threads at once; implementations
 * must be thread-safe and quick. URLs may hold a postal code or a patient id: treat them as personal data in logs.
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

    /**
     * A bulk export is still running on the server; it will be asked again after {@code nextPoll}. {@code progress}
     * is the server's {@code X-Progress} text, null when it sent none.
     */
    default void exportPending(URI statusUrl, String progress, Duration nextPoll) {
    }

    /** An output file of a bulk export was read whole: {@code resources} lines, delivered or not. */
    default void exportFileRead(ResourceKind kind, URI url, long resources) {
    }

    /** A bulk export's error files hold a warning or information that does not fail it. */
    default void exportWarning(URI statusUrl, String diagnostics) {
    }
}
