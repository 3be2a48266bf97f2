/**
 * FHIR R4 servers as data sources of a tenant: their connection settings (credentials sealed with the tenant's
 * encryption keyset, never shown again), and ingest runs that bring the Patients of a postal code and their
 * Observations into the tenant's {@code patient} and {@code observation} datasets through the built-in
 * {@code fhir-ingest} pipeline, which also keeps the serving tables current. Access to a source is that of the data
 * source it is: its admins, writers and readers, and the tenant's source managers. Served patients are read
 * ({@code GET /api/v1/patients/{id}}) as the caller's grant on the {@code patient} dataset allows: values, or tokens
 * in the project's scope.
 */
package org.haven.server.fhir;
