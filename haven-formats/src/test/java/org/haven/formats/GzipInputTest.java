package org.haven.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.haven.formats.Reading.gzip;
import static org.haven.formats.Reading.readAll;
import static org.haven.formats.Reading.utf8;
import static org.haven.formats.Reading.values;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.haven.formats.FormatException.Problem;
import org.junit.jupiter.api.Test;

class GzipInputTest {

    @Test
    void everyTextFormatMayBeCompressed() throws IOException {
        FormatOptions defaults = FormatOptions.defaults();
        assertThat(values(readAll(gzip(utf8("a,b\n1,2\n")), Format.CSV, defaults))).containsExactly(List.of("1", "2"));
        assertThat(values(readAll(gzip(utf8("[{\"a\":1}]")), Format.JSON_ARRAY, defaults)))
                .containsExactly(List.of("1"));
        assertThat(values(readAll(gzip(utf8("{\"a\":1}\n{\"a\":2}\n")), Format.NDJSON, defaults)))
                .containsExactly(List.of("1"), List.of("2"));
    }

    @Test
    void byteOrderMarkInsideTheCompressedText() throws IOException {
        byte[] text = CsvReadingTest.concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, utf8("a\n1\n"));
        assertThat(readAll(gzip(text), Format.CSV, FormatOptions.defaults()).get(0).columns().names())
                .containsExactly("a");
    }

    @Test
    void concatenatedMembersReadAsOneStream() throws IOException {
        byte[] members = CsvReadingTest.concat(gzip(utf8("a,b\n1,2\n")), gzip(utf8("3,4\n")));
        assertThat(values(readAll(members, Format.CSV, FormatOptions.defaults())))
                .containsExactly(List.of("1", "2"), List.of("3", "4"));
    }

    @Test
    void concatenatedMembersFromAStreamThatReportsNothingAvailable() throws IOException {
        byte[] members = CsvReadingTest.concat(gzip(utf8("a,b\n1,2\n")), gzip(utf8("3,4\n")));
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(members)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 7));
            }

            @Override
            public int available() {
                return 0;
            }
        };
        try (RecordReader reader = RecordReaders.open(trickle, Format.CSV)) {
            assertThat(reader.next()).isPresent();
            assertThat(reader.next()).isPresent();
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void truncatedCompressedDataIsCorrupt() {
        byte[] compressed = gzip(utf8("a,b\n" + "1,2\n".repeat(1000)));
        byte[] truncated = Arrays.copyOf(compressed, compressed.length - 10);
        assertThat(Reading.failure(truncated, Format.CSV, FormatOptions.defaults()).problem())
                .isEqualTo(Problem.CORRUPT_COMPRESSION);
    }

    @Test
    void damagedCompressedDataIsCorrupt() {
        byte[] compressed = gzip(utf8("a,b\n" + "1,2\n".repeat(1000)));
        compressed[compressed.length / 2] ^= 0x5a;
        compressed[compressed.length / 2 + 1] ^= 0x33;
        assertThat(Reading.failure(compressed, Format.CSV, FormatOptions.defaults()).problem())
                .isEqualTo(Problem.CORRUPT_COMPRESSION);
    }

    @Test
    void aGzipBombFailsAtTheDecompressedLimitWithoutReadingItAll() throws IOException {
        byte[] bomb = gzippedBlankLines(200L * 1024 * 1024);
        assertThat(bomb.length).isLessThan(1024 * 1024);
        CountingInputStream source = new CountingInputStream(new ByteArrayInputStream(bomb));
        FormatOptions tenMegabytes = FormatOptions.builder().maxDecompressedBytes(10L * 1024 * 1024).build();

        long started = System.nanoTime();
        FormatException failure = catchThrowableOfType(FormatException.class, () -> {
            try (RecordReader reader = RecordReaders.open(source, Format.CSV, tenMegabytes)) {
                while (reader.next().isPresent()) {
                    // Reading is what should fail.
                }
            }
        });

        assertThat(failure).isNotNull();
        assertThat(failure.problem()).isEqualTo(Problem.DECOMPRESSED_TOO_LARGE);
        assertThat(System.nanoTime() - started).isLessThan(3_000_000_000L);
        assertThat(source.count).as("compressed bytes read").isLessThan(bomb.length / 2);
    }

    @Test
    void aGzipBombOfTextFailsAtTheDecompressedLimit() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(compressed, 64 * 1024)) {
            gzip.write(utf8("a\n"));
            byte[] row = utf8("1\n".repeat(32 * 1024));
            for (int i = 0; i < 1600; i++) {
                gzip.write(row);
            }
        }
        FormatOptions tenMegabytes = FormatOptions.builder().maxDecompressedBytes(10L * 1024 * 1024).build();
        FormatException failure = Reading.failure(compressed.toByteArray(), Format.CSV, tenMegabytes);
        assertThat(failure.problem()).isEqualTo(Problem.DECOMPRESSED_TOO_LARGE);
        assertThat(failure.line()).isGreaterThan(1_000_000);
    }

    /** A header, then line feeds: as compressible as zeros, but valid text, so only the size limit can stop it. */
    private static byte[] gzippedBlankLines(long size) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(compressed, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(utf8("a\n"));
            byte[] lineFeeds = new byte[1024 * 1024];
            Arrays.fill(lineFeeds, (byte) '\n');
            for (long written = 0; written < size; written += lineFeeds.length) {
                gzip.write(lineFeeds);
            }
        }
        return compressed.toByteArray();
    }

    private static final class CountingInputStream extends FilterInputStream {

        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int read = super.read();
            count += read < 0 ? 0 : 1;
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            count += Math.max(read, 0);
            return read;
        }
    }
}
