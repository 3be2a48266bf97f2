package org.haven.storage.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.haven.storage.BlobContent;
import org.haven.storage.BlobInfo;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobPage;
import org.haven.storage.BlobStore;
import org.haven.storage.BlobStoreException;
import org.haven.storage.BlobStoreException.Reason;
import org.haven.storage.BlobSummary;
import org.haven.storage.ByteRange;
import org.haven.storage.PutOptions;
import org.haven.storage.internal.MeasuringInputStream;

/**
 * A blob store in a local directory, owned by one process at a time.
 *
 * <p>Every write goes to a temporary file that receives the content, then its header, then an
 * fsync, and only then is renamed over the object file. A crash at any point leaves either the
 * previous object file or the new one, each complete with a header that matches it; the unfinished
 * temporary file is swept at the next open.
 */
public final class FilesystemBlobStore implements BlobStore {

    private static final int COPY_BUFFER_BYTES = 64 * 1024;

    private final StoreLayout layout;
    private final RootLock rootLock;

    /**
     * Serialises creating and pruning key directories, so a put never renames into a directory a
     * delete removes.
     */
    private final ReentrantLock directoryLock = new ReentrantLock();

    private volatile boolean closed;

    private FilesystemBlobStore(StoreLayout layout, RootLock rootLock) {
        this.layout = layout;
        this.rootLock = rootLock;
    }

    /**
     * Opens (creating if needed) the store rooted at {@code root}, sweeping what an earlier crash
     * left behind. Fails with {@code STORE_LOCKED} if another process, or another open store in
     * this one, owns the root.
     */
    public static FilesystemBlobStore open(Path root) {
        StoreLayout layout = new StoreLayout(root.toAbsolutePath().normalize());
        try {
            Files.createDirectories(layout.temporaryDirectory());
            Files.createDirectories(layout.objectsDirectory());
        } catch (IOException e) {
            throw new BlobStoreException(
                    Reason.UNAVAILABLE, "cannot create blob store directories under " + root, e);
        }
        RootLock lock = RootLock.acquire(layout.lockFile(), layout.root());
        try {
            sweepTemporaryFiles(layout);
        } catch (IOException e) {
            lock.close();
            throw new BlobStoreException(
                    Reason.IO, "cannot sweep unfinished writes under " + root, e);
        }
        return new FilesystemBlobStore(layout, lock);
    }

    public Path root() {
        return layout.root();
    }

    @Override
    public BlobInfo put(BlobKey key, InputStream content, PutOptions options) {
        ensureOpen();
        MeasuringInputStream measured = new MeasuringInputStream(content, key, options.maxSize());
        Path temporary = layout.newTemporaryFile();
        try {
            BlobInfo info;
            try (FileChannel out =
                    FileChannel.open(
                            temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(out, ObjectHeader.placeholder());
                copyContent(measured, out);
                MeasuringInputStream.verify(key, measured.sha256(), options);
                info =
                        new BlobInfo(
                                key,
                                measured.size(),
                                measured.sha256(),
                                options.contentType(),
                                Instant.now());
                out.write(ObjectHeader.describing(info).encode(), 0);
                out.force(true);
            }
            moveIntoPlace(temporary, key);
            return info;
        } catch (IOException e) {
            throw new BlobStoreException(
                    Reason.IO, "writing " + key + " failed; nothing was stored", e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    @Override
    public BlobContent get(BlobKey key) {
        return open(key, null);
    }

    @Override
    public BlobContent get(BlobKey key, ByteRange range) {
        return open(key, range);
    }

    @Override
    public Optional<BlobInfo> head(BlobKey key) {
        ensureOpen();
        try (FileChannel in = FileChannel.open(layout.objectFile(key), StandardOpenOption.READ)) {
            return Optional.of(readHeader(in, key).toInfo(key));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BlobStoreException(Reason.IO, "reading " + key + " failed", e);
        }
    }

    @Override
    public BlobPage list(String prefix, String cursor, int limit) {
        ensureOpen();
        String checkedPrefix = BlobKey.checkPrefix(prefix);
        BlobKey after = BlobPage.keyAfter(cursor).orElse(null);
        BlobPage.checkLimit(limit);
        List<BlobSummary> found;
        try {
            found =
                    new KeyWalker(checkedPrefix, after, limit + 1, this::summaryOf)
                            .walk(layout.objectsDirectory());
        } catch (IOException e) {
            throw new BlobStoreException(
                    Reason.IO, "listing blob store " + layout.root() + " failed", e);
        }
        if (found.size() <= limit) {
            return new BlobPage(found, Optional.empty());
        }
        List<BlobSummary> page = found.subList(0, limit);
        return new BlobPage(page, Optional.of(BlobPage.cursorAfter(page.get(limit - 1).key())));
    }

    @Override
    public boolean delete(BlobKey key) {
        ensureOpen();
        directoryLock.lock();
        try {
            boolean existed = Files.deleteIfExists(layout.objectFile(key));
            if (existed) {
                syncDirectory(layout.keyDirectory(key));
                pruneEmptyDirectories(layout.keyDirectory(key));
            }
            return existed;
        } catch (IOException e) {
            throw new BlobStoreException(Reason.IO, "deleting " + key + " failed", e);
        } finally {
            directoryLock.unlock();
        }
    }

    @Override
    public BlobInfo copy(BlobKey source, BlobKey target) {
        ensureOpen();
        Path temporary = layout.newTemporaryFile();
        try {
            BlobInfo copied;
            try (FileChannel in = openObject(source);
                    FileChannel out =
                            FileChannel.open(
                                    temporary,
                                    StandardOpenOption.CREATE_NEW,
                                    StandardOpenOption.WRITE)) {
                ObjectHeader header = readHeader(in, source);
                writeFully(out, ObjectHeader.placeholder());
                transferFully(in, out, header.size());
                copied =
                        new BlobInfo(
                                target,
                                header.size(),
                                header.sha256(),
                                header.contentType(),
                                Instant.now());
                out.write(ObjectHeader.describing(copied).encode(), 0);
                out.force(true);
            }
            moveIntoPlace(temporary, target);
            return copied;
        } catch (IOException e) {
            throw new BlobStoreException(
                    Reason.IO, "copying " + source + " to " + target + " failed", e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    @Override
    public void check() {
        ensureOpen();
        if (!rootLock.isHeld()) {
            throw new BlobStoreException(
                    Reason.UNAVAILABLE, "blob store " + layout.root() + " lost its lock");
        }
        Path probe = layout.newTemporaryFile();
        try (FileChannel out =
                FileChannel.open(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(out, ByteBuffer.wrap(new byte[] {1}));
            out.force(true);
        } catch (IOException e) {
            throw new BlobStoreException(
                    Reason.UNAVAILABLE, "blob store " + layout.root() + " is not writable", e);
        } finally {
            deleteQuietly(probe);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            rootLock.close();
        }
    }

    private BlobContent open(BlobKey key, ByteRange range) {
        ensureOpen();
        FileChannel in = openObject(key);
        try {
            BlobInfo info = readHeader(in, key).toInfo(key);
            long offset = range == null ? 0 : range.offsetIn(info.size());
            long length = range == null ? info.size() : range.lengthIn(info.size());
            return new BlobContent(
                    info,
                    offset,
                    length,
                    new RangeInputStream(in, ObjectHeader.SIZE + offset, length));
        } catch (IOException | RuntimeException e) {
            closeQuietly(in);
            if (e instanceof BlobStoreException blobStoreException) {
                throw blobStoreException;
            }
            throw new BlobStoreException(Reason.IO, "reading " + key + " failed", e);
        }
    }

    /**
     * The open file keeps the version it found readable even if the key is overwritten or deleted
     * meanwhile.
     */
    private FileChannel openObject(BlobKey key) {
        try {
            return FileChannel.open(layout.objectFile(key), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BlobStoreException(Reason.NOT_FOUND, "no object at " + key);
        } catch (IOException e) {
            throw new BlobStoreException(Reason.IO, "opening " + key + " failed", e);
        }
    }

    private Optional<BlobSummary> summaryOf(BlobKey key) {
        return head(key).map(info -> new BlobSummary(key, info.size(), info.lastModified()));
    }

    private static ObjectHeader readHeader(FileChannel in, BlobKey key) throws IOException {
        long fileSize = in.size();
        ByteBuffer block = ByteBuffer.allocate(ObjectHeader.SIZE);
        while (block.hasRemaining() && in.read(block, block.position()) > 0) {
            // read(ByteBuffer, long) advances the buffer, not the channel.
        }
        return ObjectHeader.decode(block.flip(), fileSize, key);
    }

    private void moveIntoPlace(Path temporary, BlobKey key) throws IOException {
        Path keyDirectory = layout.keyDirectory(key);
        directoryLock.lock();
        try {
            List<Path> created = createDirectories(keyDirectory);
            Files.move(
                    temporary,
                    layout.objectFile(key),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(keyDirectory);
            for (Path directory : created) {
                syncDirectory(directory.getParent());
            }
        } finally {
            directoryLock.unlock();
        }
    }

    /**
     * Like {@link Files#createDirectories} but reports which directories are new, so their entries
     * can be synced.
     */
    private static List<Path> createDirectories(Path directory) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path current = directory; !Files.isDirectory(current); current = current.getParent()) {
            missing.add(0, current);
        }
        for (Path path : missing) {
            Files.createDirectory(path);
        }
        return missing;
    }

    private void pruneEmptyDirectories(Path from) throws IOException {
        Path objects = layout.objectsDirectory();
        for (Path current = from; !current.equals(objects); current = current.getParent()) {
            try {
                Files.delete(current);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    private static void copyContent(MeasuringInputStream in, FileChannel out) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                throw in.readFailure(e);
            }
            if (n < 0) {
                return;
            }
            writeFully(out, ByteBuffer.wrap(buffer, 0, n));
        }
    }

    private static void transferFully(FileChannel in, FileChannel out, long size)
            throws IOException {
        long done = 0;
        while (done < size) {
            long n = in.transferTo(ObjectHeader.SIZE + done, size - done, out);
            if (n <= 0) {
                throw new IOException("source object ended before its recorded size");
            }
            done += n;
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    /**
     * Makes a rename or a new entry in {@code directory} survive a power cut, not just a process
     * crash.
     */
    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void sweepTemporaryFiles(StoreLayout layout) throws IOException {
        try (DirectoryStream<Path> leftovers =
                Files.newDirectoryStream(layout.temporaryDirectory())) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new BlobStoreException(
                    Reason.UNAVAILABLE, "blob store " + layout.root() + " is closed");
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A leftover temporary file is swept at the next open.
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The read already failed; that failure is the one worth reporting.
        }
    }
}
