/**
 * Haven's record formats, public API: streaming readers that turn CSV, JSON arrays and NDJSON (plain or
 * gzip-compressed) into {@link org.haven.formats.Record}s of raw string values, with hard limits so that hostile or
 * broken uploads fail fast with a {@link org.haven.formats.FormatException} instead of exhausting memory. Callers
 * open a reader with {@link org.haven.formats.RecordReaders#open}, optionally after guessing the format with
 * {@link org.haven.formats.FormatDetection}. Parquet is read by a {@link org.haven.formats.RecordReaderProvider}
 * found on the classpath. Typing values and checking them against a schema is not done here.
 */
package org.haven.formats;
