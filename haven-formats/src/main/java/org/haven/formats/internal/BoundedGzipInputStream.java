package org.haven.formats.internal;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.haven.formats.FormatException;
import org.haven.formats.FormatException.Problem;

/**
 * Decompresses gzip (concatenated members included) and fails as soon as the output passes a limit, so a small
 * file that expands to gigabytes is rejected after reading only the first part of it. Corrupt or truncated
 * compressed data becomes a {@link FormatException} rather than a bare {@link ZipException}.
 */
final class BoundedGzipInputStream extends InputStream {

    private static final int INFLATE_BUFFER_BYTES = 64 * 1024;

    private final GZIPInputStream gzip;
    private final long maxDecompressedBytes;
    private long decompressedBytes;

    private BoundedGzipInputStream(GZIPInputStream gzip, long maxDecompressedBytes) {
        this.gzip = gzip;
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    static InputStream open(InputStream compressed, long maxDecompressedBytes) throws IOException {
        try {
            return new BoundedGzipInputStream(
                    new GZIPInputStream(new AvailableUntilEnd(compressed), INFLATE_BUFFER_BYTES), maxDecompressedBytes);
        } catch (ZipException | EOFException e) {
            throw corrupt();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read;
        try {
            read = gzip.read(buffer, offset, length);
        } catch (ZipException | EOFException e) {
            throw corrupt();
        }
        if (read > 0) {
            decompressedBytes += read;
            if (decompressedBytes > maxDecompressedBytes) {
                throw new FormatException(Problem.DECOMPRESSED_TOO_LARGE,
                        "limit " + maxDecompressedBytes + " bytes", 0);
            }
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        gzip.close();
    }

    private static FormatException corrupt() {
        return new FormatException(Problem.CORRUPT_COMPRESSION, "", 0);
    }

    /**
     * {@link GZIPInputStream} only looks for a further concatenated member when {@code available()} is positive,
     * which network streams often report as 0 even with more data to come; that would silently drop the later
     * members. Claiming a byte until the real end is seen makes it always try (it ignores a missing header).
     */
    private static final class AvailableUntilEnd extends FilterInputStream {

        private boolean ended;

        AvailableUntilEnd(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int read = super.read();
            ended |= read < 0;
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            ended |= read < 0;
            return read;
        }

        @Override
        public int available() throws IOException {
            int available = super.available();
            return available > 0 || ended ? available : 1;
        }
    }
}
