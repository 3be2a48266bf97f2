package org.haven.formats;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads records one at a time from a stream, holding at most one record (bounded by
 * {@link FormatOptions#maxRecordBytes()}) and a fixed-size buffer in memory. Not thread-safe. Closing the reader
 * closes the stream it was opened on.
 *
 * <p>After a {@link FormatException} the reader is unusable: further calls to {@link #next()} throw the same
 * exception again.
 */
public interface RecordReader extends AutoCloseable {

    Format format();

    /**
     * The column names: a CSV header (or c1..cn without one), or the keys of the first JSON object in order. Known
     * as soon as the reader is open; empty for a JSON stream with no records.
     */
    Columns columns();

    /**
     * The next record, or empty at the end of the input.
     *
     * @throws FormatException when the input is malformed or breaks a limit
     * @throws IOException when reading the underlying stream fails
     */
    Optional<Record> next() throws IOException;

    /** How many records have been returned so far: the number of the last one, 0 before the first. */
    long recordNumber();

    /** The 1-based line on which the last returned record started, 0 before the first. */
    long line();

    @Override
    void close() throws IOException;
}
