package org.haven.formats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.haven.formats.FormatException;
import org.haven.formats.FormatException.Problem;

/**
 * Decodes bytes strictly: malformed or unmappable input and NUL characters are errors, never replaced or passed on.
 * Unlike {@link java.io.InputStreamReader}, which reports a decoding error as soon as it decodes ahead, this reader
 * first hands out every character before the bad byte and counts lines as it goes, so the error names the exact
 * line it is on. A UTF-8 byte order mark at the very start is dropped.
 */
final class StrictDecodingReader extends Reader {

    private static final int BUFFER_SIZE = 8192;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final InputStream input;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE).flip();
    private boolean atStart;
    private boolean inputEnded;
    private boolean decoderFlushed;
    private long bytesRead;
    private long line = 1;
    private boolean previousWasCarriageReturn;
    private FormatException failure;

    StrictDecodingReader(InputStream input, Charset charset) {
        this.input = input;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.atStart = charset.equals(StandardCharsets.UTF_8);
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (failure != null) {
                throw failure;
            }
            if (decoderFlushed) {
                return -1;
            }
            decodeMore();
        }
        int count = Math.min(length, chars.remaining());
        chars.get(target, offset, count);
        return count;
    }

    private void decodeMore() throws IOException {
        chars.clear();
        CoderResult result = CoderResult.UNDERFLOW;
        while (chars.position() == 0 && !decoderFlushed) {
            result = decoder.decode(bytes, chars, inputEnded);
            if (result.isError()) {
                break;
            }
            if (result.isUnderflow()) {
                if (inputEnded) {
                    decoder.flush(chars);
                    decoderFlushed = true;
                } else {
                    readBytes();
                }
            }
        }
        chars.flip();
        dropByteOrderMark();
        scanDecoded();
        if (failure == null && result.isError()) {
            long offset = bytesRead - bytes.remaining();
            failure = new FormatException(Problem.INVALID_ENCODING,
                    result.length() + " undecodable byte(s) at byte offset " + offset + " for " + decoder.charset(),
                    line);
        }
    }

    private void readBytes() throws IOException {
        bytes.compact();
        int read;
        try {
            read = input.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        } catch (FormatException e) {
            throw e.withPosition(line, 0);
        }
        if (read < 0) {
            inputEnded = true;
        } else {
            bytes.position(bytes.position() + read);
            bytesRead += read;
        }
        bytes.flip();
    }

    private void dropByteOrderMark() {
        if (atStart && chars.hasRemaining()) {
            atStart = false;
            if (chars.get(chars.position()) == BYTE_ORDER_MARK) {
                chars.position(chars.position() + 1);
            }
        }
    }

    /** Counts lines up to the first NUL, if any, and holds back everything from it on. */
    private void scanDecoded() {
        for (int i = chars.position(); i < chars.limit(); i++) {
            char c = chars.get(i);
            if (c == '\n') {
                if (!previousWasCarriageReturn) {
                    line++;
                }
                previousWasCarriageReturn = false;
            } else if (c == '\r') {
                line++;
                previousWasCarriageReturn = true;
            } else {
                previousWasCarriageReturn = false;
                if (c == '\0') {
                    chars.limit(i);
                    failure = new FormatException(Problem.NUL_BYTE, "", line);
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
