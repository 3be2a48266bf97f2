package org.haven.storage.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.haven.storage.BlobStoreException;
import org.haven.storage.BlobStoreException.Reason;

/**
 * The operating-system lock that makes one process at a time the owner of a store root. The kernel
 * drops it when its holder dies, however it dies, so a crash never leaves the root locked.
 */
final class RootLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RootLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static RootLock acquire(Path lockFile, Path root) {
        FileChannel channel;
        try {
            channel =
                    FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new BlobStoreException(
                    Reason.IO, "cannot open the lock file of blob store " + root, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw locked(root, "another process");
            }
            return new RootLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw locked(root, "this process");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BlobStoreException(Reason.IO, "cannot lock blob store " + root, e);
        } catch (BlobStoreException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    boolean isHeld() {
        return lock.isValid();
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases the lock all the same.
        } finally {
            closeQuietly(channel);
        }
    }

    private static BlobStoreException locked(Path root, String holder) {
        return new BlobStoreException(
                Reason.STORE_LOCKED,
                "blob store %s is already open in %s; one process at a time may own a store root"
                        .formatted(root, holder));
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }
}
