package org.haven.datasets.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.haven.datasets.DuckDbSettings;
import org.haven.formats.Format;
import org.haven.formats.FormatException;
import org.haven.formats.FormatException.Problem;
import org.haven.formats.FormatOptions;
import org.haven.formats.RecordReader;
import org.haven.formats.RecordReaderProvider;

/**
 * Reads Parquet for {@link org.haven.formats.RecordReaders}: Parquet keeps its metadata at the end of the file, so
 * the stream is first spooled to a temporary file (at most {@link FormatOptions#maxDecompressedBytes()} bytes),
 * then read record by record from a streaming DuckDB query. The file is deleted when the reader is closed.
 *
 * <p>Gzip is not unwrapped: Parquet compresses its own pages, so a gzip-compressed Parquet file is almost always a
 * mistake and is refused as {@link Problem#MALFORMED_PARQUET} with that reason.
 */
public final class ParquetRecordReaderProvider implements RecordReaderProvider {

    /** DuckDB memory for reading one upload: ample for one row group per thread. */
    private static final long READER_MEMORY_BYTES = 256L * 1024 * 1024;

    private final DuckDbSettings settings;

    public ParquetRecordReaderProvider() {
        DuckDbSettings defaults = DuckDbSettings.defaults();
        this.settings = new DuckDbSettings(READER_MEMORY_BYTES, 1, defaults.tempDirectory());
    }

    @Override
    public Format format() {
        return Format.PARQUET;
    }

    @Override
    public RecordReader open(InputStream input, FormatOptions options) throws IOException {
        Path spooled = null;
        try (InputStream source = input) {
            Files.createDirectories(settings.tempDirectory());
            spooled = Files.createTempFile(settings.tempDirectory(), "upload-", ".parquet");
            long size = spool(source, spooled, options.maxDecompressedBytes());
            checkMagic(spooled, size);
            return ParquetRecordReader.open(spooled, settings, options);
        } catch (IOException | RuntimeException | Error e) {
            if (spooled != null) {
                Files.deleteIfExists(spooled);
            }
            throw e;
        }
    }

    private static long spool(InputStream source, Path target, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int read = source.read(buffer); read >= 0; read = source.read(buffer)) {
                total += read;
                if (total > limit) {
                    throw new FormatException(Problem.DECOMPRESSED_TOO_LARGE,
                            "more than " + limit + " bytes", 0);
                }
                out.write(buffer, 0, read);
            }
        }
        return total;
    }

    private static void checkMagic(Path file, long size) throws IOException {
        if (size == 0) {
            throw new FormatException(Problem.EMPTY_INPUT, "", 0);
        }
        byte[] start = new byte[4];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(start, 0, start.length);
        }
        if (length >= 2 && (start[0] & 0xff) == 0x1f && (start[1] & 0xff) == 0x8b) {
            throw new FormatException(Problem.MALFORMED_PARQUET,
                    "gzip-compressed; Parquet compresses its own pages, upload the .parquet file itself", 0);
        }
        if (length < 4 || start[0] != 'P' || start[1] != 'A' || start[2] != 'R' || start[3] != '1') {
            throw new FormatException(Problem.MALFORMED_PARQUET, "the file does not start with PAR1", 0);
        }
        if (size < 12) {
            throw new FormatException(Problem.MALFORMED_PARQUET, "the file is too short (" + size + " bytes)", 0);
        }
    }
}
