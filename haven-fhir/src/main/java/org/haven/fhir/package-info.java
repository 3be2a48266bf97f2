/**
 * Haven's FHIR source library: reading Patient and Observation resources of one postal code from a FHIR R4 server
 * and turning them into flat records. It owns the source settings and authentication
 * ({@link org.haven.fhir.FhirSourceSettings}, {@link org.haven.fhir.FhirAuth}), the crawl that follows the server's
 * paging with bounded concurrency, rate limits and retries ({@link org.haven.fhir.PostalCodeCrawl}) or reads the same
 * through a FHIR Bulk Data export ({@link org.haven.fhir.PostalCodeExport}), and the fixed
 * schemas of the {@code patient} and {@code observation} datasets ({@link org.haven.fhir.PatientRecords},
 * {@link org.haven.fhir.ObservationRecords}). Where raw resources are staged, how datasets are stored and who may start
 * an ingest belong to the server. {@code org.haven.fhir.internal} is not API.
 */
package org.haven.fhir;
