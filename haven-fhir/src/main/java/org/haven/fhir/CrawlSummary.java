package org.haven.fhir;

/**
 * What one crawl or bulk export handed to its sink.
 *
 * @param pages Bundle pages read, of both kinds; for a bulk export, the output files read
 * @param patients Patient resources handed to the sink
 * @param observations Observation resources handed to the sink
 * @param patientsWithoutId Patients without a logical id: staged, but their Observations cannot be searched
 * @param duplicates resources seen again on a later page (a server whose result set moved while paging) and skipped
 * @param retries requests tried again after a 429, a 5xx, a timeout or a lost connection
 * @param skipped resources of a bulk export that are not of the postal code (Patients of other postal codes from a
 *     server that ignored the filter, Observations of other patients) and were not handed over; 0 for a crawl
 */
public record CrawlSummary(long pages, long patients, long observations, long patientsWithoutId, long duplicates,
        long retries, long skipped) {

    /** A crawl's summary, which skips nothing. */
    public CrawlSummary(long pages, long patients, long observations, long patientsWithoutId, long duplicates,
            long retries) {
        this(pages, patients, observations, patientsWithoutId, duplicates, retries, 0);
    }
}
