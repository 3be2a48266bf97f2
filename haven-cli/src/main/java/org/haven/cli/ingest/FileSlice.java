package org.haven.cli.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A byte range of a local file, streamed as a request body (with its length) and counted for the progress line. */
record FileSlice(Path file, long offset, long length) {

    HttpRequest.BodyPublisher publisher(ProgressLine progress) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> open(progress)), length);
    }

    /** The slice's SHA-256, to tell whether the server already holds exactly these bytes. */
    String sha256() {
        try (InputStream in = open(null)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private InputStream open(ProgressLine progress) {
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(offset);
            return new Bounded(in, length, progress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends after {@code remaining} bytes and reports each read to the progress line. */
    private static final class Bounded extends FilterInputStream {
        private long remaining;
        private final ProgressLine progress;

        Bounded(InputStream in, long remaining, ProgressLine progress) {
            super(in);
            this.remaining = remaining;
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
                if (progress != null) {
                    progress.advance(n);
                }
            }
            return n;
        }
    }
}
