/**
 * Implementation of dataset versions, not API: the staging CSV that becomes Parquet, manifest JSON, SQL text and
 * value rendering for DuckDB, and the Parquet {@link org.haven.formats.RecordReaderProvider} that
 * {@link java.util.ServiceLoader} finds. Classes are public only where the API package or the service loader needs
 * them.
 */
package org.haven.datasets.internal;
