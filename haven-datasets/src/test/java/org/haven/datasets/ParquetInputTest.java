package org.haven.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.haven.formats.Format;
import org.haven.formats.FormatDetection;
import org.haven.formats.FormatException;
import org.haven.formats.FormatException.Problem;
import org.haven.formats.FormatOptions;
import org.haven.formats.Record;
import org.haven.formats.RecordReader;
import org.haven.formats.RecordReaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet as an upload format, through {@link RecordReaders} and the provider this module registers. */
class ParquetInputTest {

    @TempDir
    Path temp;
    DuckDbSession session;

    @BeforeEach
    void open() {
        session = DuckDbSession.inMemory(TestVersions.settings(temp));
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void valuesAreRenderedAsTextLikeTheOtherFormats() throws Exception {
        Path file = temp.resolve("types.parquet");
        session.execute("COPY (SELECT 1::BIGINT AS id, 'a\"b,\nc é😀' AS text, 1.50::DECIMAL(10,2) AS amount,"
                + " true AS flag, DATE '2024-02-29' AS day, TIMESTAMPTZ '2024-05-01 10:30:00+01' AS at,"
                + " TIMESTAMP '2024-05-01 10:30:00' AS local_at, 2.5::DOUBLE AS ratio, {'a': 1, 'b': [1, 2]} AS nested,"
                + " '\\x01\\x02'::BLOB AS raw, NULL::VARCHAR AS missing) TO '" + file + "' (FORMAT parquet)");

        try (RecordReader reader = RecordReaders.open(Files.newInputStream(file), Format.PARQUET)) {
            assertThat(reader.format()).isEqualTo(Format.PARQUET);
            assertThat(reader.columns().names()).containsExactly("id", "text", "amount", "flag", "day", "at",
                    "local_at", "ratio", "nested", "raw", "missing");
            Record record = reader.next().orElseThrow();
            assertThat(record.values()).containsExactly("1", "a\"b,\nc é😀", "1.50", "true", "2024-02-29",
                    "2024-05-01T09:30:00.000000Z", "2024-05-01T10:30:00.000000", "2.5", "{\"a\":1,\"b\":[1,2]}",
                    "AQI=", null);
            assertThat(record.number()).isEqualTo(1);
            assertThat(record.line()).isEqualTo(1);
            assertThat(reader.next()).isEmpty();
        }
        assertThat(spooledFiles()).isEmpty();
    }

    @Test
    void aLargeFileIsReadRecordByRecord() throws Exception {
        Path file = temp.resolve("large.parquet");
        session.execute("COPY (SELECT range AS id, 'name ' || range AS name FROM range(1, 250001))"
                + " TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 10000)");

        long count = 0;
        try (RecordReader reader = RecordReaders.open(Files.newInputStream(file), Format.PARQUET)) {
            for (Optional<Record> next = reader.next(); next.isPresent(); next = reader.next()) {
                count++;
                Record record = next.get();
                if (!record.get("id").equals(Long.toString(count))
                        || !record.get("name").equals("name " + count)) {
                    throw new AssertionError("record " + count + " is out of order");
                }
            }
            assertThat(reader.recordNumber()).isEqualTo(250_000);
        }
        assertThat(count).isEqualTo(250_000);
    }

    @Test
    void detectionRecognisesParquetByItsMagic() throws Exception {
        byte[] parquet = parquetBytes();
        assertThat(FormatDetection.fromContent(Arrays.copyOf(parquet, 16))).contains(Format.PARQUET);
        assertThat(FormatDetection.detect("upload.bin", parquet)).contains(Format.PARQUET);
    }

    @Test
    void aTruncatedFileIsAFormatException() throws Exception {
        byte[] parquet = parquetBytes();
        for (int length : new int[] {5, 12, parquet.length / 2, parquet.length - 1}) {
            FormatException failure = failure(Arrays.copyOf(parquet, length), FormatOptions.defaults());
            assertThat(failure.problem()).as("truncated to " + length).isEqualTo(Problem.MALFORMED_PARQUET);
        }
        assertThat(spooledFiles()).isEmpty();
    }

    @Test
    void corruptBytesAreAFormatExceptionNotACrash() throws Exception {
        byte[] parquet = parquetBytes();
        for (int offset = 4; offset < parquet.length - 8; offset += Math.max(1, parquet.length / 40)) {
            byte[] damaged = parquet.clone();
            for (int i = offset; i < Math.min(offset + 16, parquet.length - 4); i++) {
                damaged[i] = (byte) ~damaged[i];
            }
            try (RecordReader reader = RecordReaders.open(TestVersions.stream(damaged), Format.PARQUET)) {
                while (reader.next().isPresent()) {
                    // Damage inside a value may still decode; only a FormatException may escape.
                }
            } catch (FormatException expected) {
                assertThat(expected.problem()).isEqualTo(Problem.MALFORMED_PARQUET);
            }
        }
        assertThat(spooledFiles()).isEmpty();
    }

    @Test
    void gzipIsNotUnwrappedForParquet() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(parquetBytes());
        }
        FormatException failure = failure(compressed.toByteArray(), FormatOptions.defaults());
        assertThat(failure.problem()).isEqualTo(Problem.MALFORMED_PARQUET);
        assertThat(failure.getMessage()).contains("gzip");
    }

    @Test
    void limitsApply() throws Exception {
        byte[] parquet = parquetBytes();
        assertThat(failure(parquet, FormatOptions.builder().maxDecompressedBytes(100).build()).problem())
                .isEqualTo(Problem.DECOMPRESSED_TOO_LARGE);
        assertThat(failure(new byte[0], FormatOptions.defaults()).problem()).isEqualTo(Problem.EMPTY_INPUT);
        assertThat(failure("id,name\n1,x\n".getBytes(), FormatOptions.defaults()).problem())
                .isEqualTo(Problem.MALFORMED_PARQUET);
        assertThat(failure(parquet, FormatOptions.builder().maxColumns(1).build()).problem())
                .isEqualTo(Problem.TOO_MANY_COLUMNS);

        FormatException tooMany = failure(parquet, FormatOptions.builder().maxRecords(2).build());
        assertThat(tooMany.problem()).isEqualTo(Problem.TOO_MANY_RECORDS);
        assertThat(tooMany.recordNumber()).isEqualTo(3);
        FormatException tooLarge = failure(parquet, FormatOptions.builder().maxFieldBytes(6).build());
        assertThat(tooLarge.problem()).isEqualTo(Problem.FIELD_TOO_LARGE);
        assertThat(tooLarge.getMessage()).doesNotContain("secret");
        assertThat(spooledFiles()).isEmpty();
    }

    private byte[] parquetBytes() throws Exception {
        Path file = temp.resolve("small-" + System.nanoTime() + ".parquet");
        session.execute("COPY (SELECT range AS id, 'secret ' || range AS name FROM range(1, 6)) TO '" + file
                + "' (FORMAT parquet)");
        return Files.readAllBytes(file);
    }

    /** Opens and reads to the end, returning the failure that must happen on the way. */
    private static FormatException failure(byte[] input, FormatOptions options) {
        return catchThrowableOfType(FormatException.class, () -> {
            try (InputStream stream = TestVersions.stream(input);
                    RecordReader reader = RecordReaders.open(stream, Format.PARQUET, options)) {
                while (reader.next().isPresent()) {
                    // read everything
                }
            }
        });
    }

    private static List<Path> spooledFiles() throws IOException {
        Path directory = DuckDbSettings.defaults().tempDirectory();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().startsWith("upload-")).toList();
        }
    }
}
