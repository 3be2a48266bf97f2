package org.haven.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Objects;
import org.haven.formats.internal.CsvRecordReader;
import org.haven.formats.internal.DecodedInput;
import org.haven.formats.internal.JsonRecordReader;

/** Opens {@link RecordReader}s. */
public final class RecordReaders {

    private RecordReaders() {
    }

    /** {@link #open(InputStream, Format, FormatOptions)} with {@link FormatOptions#defaults()}. */
    public static RecordReader open(InputStream input, Format format) throws IOException {
        return open(input, format, FormatOptions.defaults());
    }

    /**
     * Opens a reader over a stream, which it takes ownership of. Gzip-compressed input is recognised by its magic
     * bytes and decompressed (under {@link FormatOptions#maxDecompressedBytes()}); a leading UTF-8 byte order mark
     * is skipped. The CSV header, or the first JSON record, is read here so that {@link RecordReader#columns()} is
     * known at once; problems with it are thrown from this method and the stream is closed.
     *
     * @throws FormatException when the start of the input is malformed or breaks a limit
     */
    public static RecordReader open(InputStream input, Format format, FormatOptions options) throws IOException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(options, "options");
        Reader text = null;
        try {
            text = DecodedInput.open(input, options);
            return switch (format) {
                case CSV -> CsvRecordReader.open(text, options);
                case JSON_ARRAY, NDJSON -> JsonRecordReader.open(text, format, options);
            };
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(text == null ? input : text, e);
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable closeable, Throwable failure) {
        try {
            closeable.close();
        } catch (Exception closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }
}
