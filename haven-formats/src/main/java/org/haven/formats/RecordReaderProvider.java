package org.haven.formats;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a format that this module does not implement itself, such as {@link Format#PARQUET}, which needs native
 * code that the command-line client should not carry. Implementations are found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/org.haven.formats.RecordReaderProvider} entry) and must have a public no-argument
 * constructor; {@link RecordReaders#open(InputStream, Format, FormatOptions)} delegates to the first one found for
 * a format.
 *
 * <p>A provider keeps the contract of {@link RecordReader}: bounded memory, the limits of {@link FormatOptions}
 * where they apply, a {@link FormatException} (never another exception type) for input that is not a well-formed
 * file of its format, messages that name positions and sizes only, and ownership of the stream, which it closes
 * when the reader is closed or when opening fails.
 */
public interface RecordReaderProvider {

    /** The format this provider reads. */
    Format format();

    /**
     * Opens a reader over a stream, taking ownership of it.
     *
     * @throws FormatException when the input is not a readable file of {@link #format()} or breaks a limit
     */
    RecordReader open(InputStream input, FormatOptions options) throws IOException;
}
