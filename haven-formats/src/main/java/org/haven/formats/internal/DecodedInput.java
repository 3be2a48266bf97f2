package org.haven.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import org.haven.formats.FormatOptions;

/** Turns the raw bytes of an upload into text: gzip recognised by its magic bytes, then strict decoding. */
public final class DecodedInput {

    private static final int GZIP_MAGIC_FIRST = 0x1f;
    private static final int GZIP_MAGIC_SECOND = 0x8b;

    private DecodedInput() {
    }

    /** Text of the input, decompressed when it starts with the gzip magic bytes; takes ownership of the stream. */
    public static Reader open(InputStream input, FormatOptions options) throws IOException {
        PushbackInputStream sniffable = new PushbackInputStream(input, 2);
        byte[] start = sniffable.readNBytes(2);
        sniffable.unread(start);
        InputStream bytes = isGzip(start)
                ? BoundedGzipInputStream.open(sniffable, options.maxDecompressedBytes())
                : sniffable;
        return new StrictDecodingReader(bytes, options.charset());
    }

    /** Whether the bytes start like a gzip member (RFC 1952). */
    public static boolean isGzip(byte[] start) {
        return start.length >= 2 && (start[0] & 0xff) == GZIP_MAGIC_FIRST && (start[1] & 0xff) == GZIP_MAGIC_SECOND;
    }
}
