/**
 * Haven's dataset versions, public API: immutable, numbered snapshots of a dataset stored as zstd Parquet files
 * plus a canonical JSON {@link org.haven.datasets.DatasetManifest} (schema, files and hashes, lineage).
 * {@link org.haven.datasets.DatasetVersionWriter} turns validated records into a version and
 * {@link org.haven.datasets.RejectsWriter} quarantines the rest; {@link org.haven.datasets.VersionExport} downloads a
 * version as CSV, NDJSON or Parquet with optional column projection. Every DuckDB connection is opened by
 * {@link org.haven.datasets.DuckDbSession}, which keeps memory bounded and never downloads extensions. Parquet is
 * also readable as an upload format through {@link org.haven.formats.RecordReaders}. Plain Java, no Spring; files
 * are local (the server moves them to and from its blob store).
 */
package org.haven.datasets;
