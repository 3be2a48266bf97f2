package org.haven.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A version exported to a temporary file, ready to stream: its size is known before the first byte is sent (a
 * {@code Content-Length}), and closing it deletes the file.
 */
public final class ExportedFile implements AutoCloseable {

    private final Path file;
    private final ExportFormat format;
    private final long bytes;

    ExportedFile(Path file, ExportFormat format, long bytes) {
        this.file = file;
        this.format = format;
        this.bytes = bytes;
    }

    public ExportFormat format() {
        return format;
    }

    public long bytes() {
        return bytes;
    }

    /** Opens the file for reading; may be called more than once until this is closed. */
    public InputStream openStream() throws IOException {
        return Files.newInputStream(file);
    }

    /** Copies the whole file to {@code out}, which stays open; returns the bytes copied. */
    public long transferTo(OutputStream out) throws IOException {
        try (InputStream in = openStream()) {
            return in.transferTo(out);
        }
    }

    @Override
    public void close() {
        DatasetVersionWriter.deleteQuietly(file);
    }
}
