package org.haven.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The directory that holds everything an embedded Haven keeps: its PostgreSQL cluster, its blobs, its runtime
 * files. One server process owns it at a time; a lock file enforces that, so a second instance started by
 * mistake on the same directory stops with a clear message instead of corrupting the first one's data. The
 * operating system drops the lock when the owner dies, however it dies.
 */
public final class DataDirectory implements AutoCloseable {

    private static final String LOCK_FILE = "haven.lock";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    public static DataDirectory claim(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
            Path lockFile = root.resolve(LOCK_FILE);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String owner = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new DataDirectoryInUseException(root, owner);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            return new DataDirectory(root, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use data directory " + root, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldByThisProcess) {
            return null;
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Another live process holds the lock. */
    public static final class DataDirectoryInUseException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        DataDirectoryInUseException(Path root, String owner) {
            super("data directory " + root + " is in use by another Haven process"
                    + (owner.isEmpty() ? "" : " (pid " + owner + ")")
                    + "; stop it, or give this instance its own HAVEN_DATA_DIR and HAVEN_PORT");
        }
    }
}
