package org.haven.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import org.haven.formats.internal.CsvRecordReader;
import org.haven.formats.internal.DecodedInput;
import org.haven.formats.internal.JsonRecordReader;

/** Opens {@link RecordReader}s. */
public final class RecordReaders {

    private RecordReaders() {
    }

    /**
     * Readers for formats this module does not implement itself, keyed by the format they read. Looked up once:
     * the classpath does not change while the process runs.
     */
    private static final class Providers {
        static final Map<Format, RecordReaderProvider> BY_FORMAT = load();

        private static Map<Format, RecordReaderProvider> load() {
            Map<Format, RecordReaderProvider> providers = new EnumMap<>(Format.class);
            for (RecordReaderProvider provider : ServiceLoader.load(RecordReaderProvider.class,
                    RecordReaderProvider.class.getClassLoader())) {
                providers.putIfAbsent(provider.format(), provider);
            }
            return providers;
        }
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
     * <p>{@link Format#PARQUET} is read by the {@link RecordReaderProvider} on the classpath (see its documentation
     * for how it treats the stream); without one this throws {@link FormatException.Problem#FORMAT_NOT_AVAILABLE}.
     *
     * @throws FormatException when the start of the input is malformed or breaks a limit
     */
    public static RecordReader open(InputStream input, Format format, FormatOptions options) throws IOException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(options, "options");
        if (format == Format.PARQUET) {
            return openWithProvider(input, format, options);
        }
        Reader text = null;
        try {
            text = DecodedInput.open(input, options);
            return switch (format) {
                case CSV -> CsvRecordReader.open(text, options);
                case JSON_ARRAY, NDJSON -> JsonRecordReader.open(text, format, options);
                case PARQUET -> throw new IllegalStateException("PARQUET is read by a provider");
            };
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(text == null ? input : text, e);
            throw e;
        }
    }

    private static RecordReader openWithProvider(InputStream input, Format format, FormatOptions options)
            throws IOException {
        RecordReaderProvider provider = Providers.BY_FORMAT.get(format);
        if (provider == null) {
            FormatException missing = new FormatException(FormatException.Problem.FORMAT_NOT_AVAILABLE,
                    format + " needs a reader provider on the classpath (module haven-datasets)", 0);
            closeQuietly(input, missing);
            throw missing;
        }
        return provider.open(input, options);
    }

    private static void closeQuietly(AutoCloseable closeable, Throwable failure) {
        try {
            closeable.close();
        } catch (Exception closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }
}
