package org.haven.formats;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.haven.formats.internal.DecodedInput;

/**
 * Guesses the format of an upload from its file name and/or its first bytes. A guess only: the reader still checks
 * everything. The CSV delimiter is not guessed.
 */
public final class FormatDetection {

    /** Enough decompressed text to see past a byte order mark and leading white space. */
    private static final int SNIFFED_TEXT_BYTES = 1024;

    /** A Parquet file starts (and ends) with these four bytes. */
    private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};

    private FormatDetection() {
    }

    /**
     * The format named by a file's extension: {@code .csv}, {@code .json}, {@code .ndjson} or {@code .jsonl}, each
     * optionally followed by {@code .gz}, or {@code .parquet} (never gzip-compressed); case does not matter.
     */
    public static Optional<Format> fromFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - ".gz".length());
        }
        if (name.endsWith(".csv")) {
            return Optional.of(Format.CSV);
        }
        if (name.endsWith(".json")) {
            return Optional.of(Format.JSON_ARRAY);
        }
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return Optional.of(Format.NDJSON);
        }
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            return Optional.of(Format.PARQUET);
        }
        return Optional.empty();
    }

    /**
     * The format the first bytes of a file suggest: Parquet's magic {@code PAR1} means Parquet; otherwise
     * (decompressing them first when they are gzip) after any byte order mark and white space, {@code [} means a
     * JSON array, <code>{</code> NDJSON, and other text CSV. Empty for no content or for other binary content (a
     * NUL byte).
     */
    public static Optional<Format> fromContent(byte[] firstBytes) {
        if (firstBytes.length >= PARQUET_MAGIC.length
                && Arrays.equals(firstBytes, 0, PARQUET_MAGIC.length, PARQUET_MAGIC, 0, PARQUET_MAGIC.length)) {
            return Optional.of(Format.PARQUET);
        }
        byte[] text = DecodedInput.isGzip(firstBytes) ? decompressedStart(firstBytes) : firstBytes;
        int start = 0;
        if (text.length >= 3 && (text[0] & 0xff) == 0xef && (text[1] & 0xff) == 0xbb && (text[2] & 0xff) == 0xbf) {
            start = 3;
        }
        while (start < text.length && isJsonWhiteSpace(text[start])) {
            start++;
        }
        if (start == text.length) {
            return Optional.empty();
        }
        for (int i = start; i < text.length; i++) {
            if (text[i] == 0) {
                return Optional.empty();
            }
        }
        return switch (text[start]) {
            case '[' -> Optional.of(Format.JSON_ARRAY);
            case '{' -> Optional.of(Format.NDJSON);
            default -> Optional.of(Format.CSV);
        };
    }

    /** The file name's guess when it has one, otherwise the content's. */
    public static Optional<Format> detect(String fileName, byte[] firstBytes) {
        Optional<Format> byName = fileName == null ? Optional.empty() : fromFileName(fileName);
        return byName.isPresent() ? byName : fromContent(firstBytes);
    }

    /** As much text as the truncated gzip prefix yields, up to a small bound. */
    private static byte[] decompressedStart(byte[] compressed) {
        byte[] text = new byte[SNIFFED_TEXT_BYTES];
        int length = 0;
        try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            int read;
            while (length < text.length && (read = gzip.read(text, length, text.length - length)) > 0) {
                length += read;
            }
        } catch (IOException truncatedOrCorrupt) {
            // A prefix of a gzip file usually ends mid-stream; keep whatever decompressed before that.
        }
        byte[] result = new byte[length];
        System.arraycopy(text, 0, result, 0, length);
        return result;
    }

    private static boolean isJsonWhiteSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
