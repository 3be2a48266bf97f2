package org.haven.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/** Reads whole inputs in tests, where they are small enough to hold. */
final class Reading {

    private Reading() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<Record> readAll(byte[] input, Format format, FormatOptions options) throws IOException {
        try (RecordReader reader = RecordReaders.open(new ByteArrayInputStream(input), format, options)) {
            List<Record> records = new ArrayList<>();
            for (Optional<Record> record = reader.next(); record.isPresent(); record = reader.next()) {
                records.add(record.get());
            }
            return records;
        }
    }

    static List<Record> readAll(String input, Format format) throws IOException {
        return readAll(utf8(input), format, FormatOptions.defaults());
    }

    static List<List<String>> values(List<Record> records) {
        List<List<String>> values = new ArrayList<>();
        for (Record record : records) {
            values.add(record.values());
        }
        return values;
    }

    static FormatException failure(byte[] input, Format format, FormatOptions options) {
        FormatException failure = catchThrowableOfType(FormatException.class, () -> readAll(input, format, options));
        assertThat(failure).as("reading should fail with a FormatException").isNotNull();
        return failure;
    }

    static FormatException failure(String input, Format format, FormatOptions options) {
        return failure(utf8(input), format, options);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }
}
