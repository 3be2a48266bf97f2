package org.haven.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content for blob store tests: generated on the fly, so large objects never sit in the test's
 * memory.
 */
public final class TestContent {

    private TestContent() {}

    /**
     * {@code size} bytes of a fixed pattern that differs from block to block, so misplaced parts
     * are caught.
     */
    public static InputStream patterned(long size) {
        return new PatternStream(size, Long.MAX_VALUE);
    }

    /**
     * Like {@link #patterned} but throws an {@link IOException} once {@code failAfter} bytes have
     * been read.
     */
    public static InputStream failingAfter(long size, long failAfter) {
        return new PatternStream(size, failAfter);
    }

    public static String sha256OfPattern(long size) {
        try (InputStream in = patterned(size)) {
            return sha256Of(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static String sha256Of(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String sha256Of(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    public static String sha256Of(String text) {
        return sha256Of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static byte patternByte(long position) {
        return (byte) ((position * 31) ^ (position >>> 13));
    }

    private static final class PatternStream extends InputStream {

        private final long size;
        private final long failAfter;
        private long position;

        PatternStream(long size, long failAfter) {
            this.size = size;
            this.failAfter = failAfter;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= failAfter) {
                throw new IOException(
                        "simulated failure of the source after " + position + " bytes");
            }
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(length, Math.min(size, failAfter) - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = patternByte(position + i);
            }
            position += n;
            return n;
        }
    }
}
