package org.haven.formats;

/** The text formats Haven reads records from. Each may arrive gzip-compressed. */
public enum Format {
    /** RFC 4180 comma-separated values, with a configurable delimiter and quote character. */
    CSV,
    /** One JSON array whose elements are objects, one object per record. */
    JSON_ARRAY,
    /** Newline-delimited JSON: one object per line. */
    NDJSON
}
