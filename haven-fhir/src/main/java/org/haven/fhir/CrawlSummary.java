package org.haven.fhir;

/**
 * What one crawl handed to its sink.
 *
 * @param pages Bundle pages read, of both kinds
 * @param patients Patient resources handed to the sink
 * @param observations Observation resources handed to the sink
 * @param patientsWithoutId Patients without a logical id: staged, but their Observations cannot be searched
 * @param duplicates resources seen again on a later page (a server whose result set moved while paging) and skipped
 * @param retries requests tried again after a 429, a 5xx, a timeout or a lost connection
 */
public record CrawlSummary(long pages, long patients, long observations, long patientsWithoutId, long duplicates,
        long retries) {
}
