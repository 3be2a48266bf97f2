package org.haven.formats;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A stream of generated records of a chosen total size, produced as it is read so that nothing near that size is
 * ever held. Every record has the same columns; values vary with the record number.
 */
final class GeneratedRecordsInputStream extends InputStream {

    private final Format format;
    private final long size;
    private long produced;
    private long nextRecord = 1;
    private long records;
    private byte[] chunk;
    private int chunkPosition;
    private boolean closed;

    GeneratedRecordsInputStream(Format format, long size) {
        this.format = format;
        this.size = size;
        this.chunk = bytes(format == Format.CSV ? "id,name,amount,note\n" : format == Format.JSON_ARRAY ? "[\n" : "");
    }

    /** Records produced so far; all of them once the stream has ended. */
    long records() {
        return records;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (chunkPosition == chunk.length && !nextChunk()) {
            return -1;
        }
        int count = Math.min(length, chunk.length - chunkPosition);
        System.arraycopy(chunk, chunkPosition, buffer, offset, count);
        chunkPosition += count;
        produced += count;
        return count;
    }

    private boolean nextChunk() {
        if (produced < size) {
            chunk = bytes(record(nextRecord++));
            records++;
        } else if (!closed) {
            closed = true;
            chunk = bytes(format == Format.JSON_ARRAY ? "]\n" : "");
        } else {
            return false;
        }
        chunkPosition = 0;
        return chunk.length > 0;
    }

    private String record(long n) {
        return switch (format) {
            case CSV -> n + ",name " + n + "," + (n % 100_000) / 100.0 + ",\"a note, with \"\"quotes\"\"\"\n";
            case JSON_ARRAY -> (n > 1 ? "," : "") + json(n) + "\n";
            case NDJSON -> json(n) + "\n";
            case PARQUET -> throw new IllegalArgumentException("generated text only");
        };
    }

    private static String json(long n) {
        return "{\"id\":" + n + ",\"name\":\"name " + n + "\",\"amount\":" + (n % 100_000) / 100.0
                + ",\"tags\":[\"a\",\"b\"]}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
