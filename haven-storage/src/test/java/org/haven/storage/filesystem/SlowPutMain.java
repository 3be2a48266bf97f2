package org.haven.storage.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.haven.storage.BlobKey;
import org.haven.storage.TestContent;

/**
 * Run in a child JVM by {@link FilesystemBlobStoreCrashIT}: puts a large object whose content stops
 * arriving halfway, after printing {@link #MIDWAY}, so the parent can kill this process in the
 * middle of the write.
 *
 * <p>Arguments: store root, key, total size in bytes.
 */
public final class SlowPutMain {

    static final String MIDWAY = "MIDWAY";

    private SlowPutMain() {}

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        BlobKey key = BlobKey.of(args[1]);
        long size = Long.parseLong(args[2]);
        try (FilesystemBlobStore store = FilesystemBlobStore.open(root)) {
            store.put(key, new StallingHalfway(TestContent.patterned(size), size / 2));
        }
    }

    private static final class StallingHalfway extends InputStream {

        private final InputStream content;
        private final long stallAt;
        private long position;

        StallingHalfway(InputStream content, long stallAt) {
            this.content = content;
            this.stallAt = stallAt;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= stallAt) {
                System.out.println(MIDWAY);
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while stalled", e);
                }
            }
            int n = content.read(buffer, offset, (int) Math.min(length, stallAt - position));
            position += Math.max(n, 0);
            return n;
        }
    }
}
