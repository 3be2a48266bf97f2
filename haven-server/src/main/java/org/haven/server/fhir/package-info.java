/**
 * FHIR R4 servers as data sources of a tenant: their connection settings (credentials sealed with the tenant's
 * encryption keyset, never shown again), and ingest runs that bring the Patients of a postal code and their
 * Observations into the tenant's {@code patient} and {@code observation} datasets through the built-in
 * {@code fhir-ingest} pipeline. Access is that of the data source the FHIR source is: its admins, writers and
 * readers, and the tenant's source managers.
 */
package org.haven.server.fhir;
