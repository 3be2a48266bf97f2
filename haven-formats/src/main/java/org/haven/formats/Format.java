package org.haven.formats;

/**
 * The file formats Haven reads records from. The text formats may each arrive gzip-compressed; Parquet compresses
 * its own pages and is read by a {@link RecordReaderProvider} found on the classpath.
 */
public enum Format {
    /** RFC 4180 comma-separated values, with a configurable delimiter and quote character. */
    CSV,
    /** One JSON array whose elements are objects, one object per record. */
    JSON_ARRAY,
    /** Newline-delimited JSON: one object per line. */
    NDJSON,
    /**
     * Apache Parquet. Read by a {@link RecordReaderProvider} (module {@code haven-datasets}, through DuckDB), because
     * this module stays free of native code; without one, opening a reader fails with
     * {@link FormatException.Problem#FORMAT_NOT_AVAILABLE}.
     */
    PARQUET
}
