package org.haven.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobStore;
import org.haven.storage.BlobStoreContract;
import org.haven.storage.BlobStoreException.Reason;
import org.haven.storage.PutOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemBlobStoreTest extends BlobStoreContract {

    @TempDir Path root;

    @Override
    protected BlobStore openStore() {
        return FilesystemBlobStore.open(root);
    }

    @Override
    protected void assertNoLeftovers() throws IOException {
        try (Stream<Path> temporary = Files.list(root.resolve("tmp"))) {
            assertThat(temporary).isEmpty();
        }
    }

    @Test
    void refusesASecondOwnerOfTheSameRoot() {
        assertReason(() -> FilesystemBlobStore.open(root), Reason.STORE_LOCKED);
    }

    @Test
    void keepsObjectsAcrossReopening() {
        BlobKey key = BlobKey.of("durable/object");
        put(key, "still here", PutOptions.defaults());
        store.close();

        store = FilesystemBlobStore.open(root);

        assertThat(read(key)).isEqualTo("still here");
    }

    @Test
    void sweepsUnfinishedWritesWhenOpened() throws IOException {
        store.close();
        Path leftover =
                Files.writeString(root.resolve("tmp").resolve("crashed.part"), "half an object");

        store = FilesystemBlobStore.open(root);

        assertThat(leftover).doesNotExist();
    }

    @Test
    void refusesToWorkOnceClosed() {
        store.close();

        assertReason(() -> store.head(BlobKey.of("any")), Reason.UNAVAILABLE);
    }

    @Test
    void keepsEachObjectInADirectoryNamedByItsKey() {
        put(BlobKey.of("a/b"), "parent", PutOptions.defaults());
        put(BlobKey.of("a/b/c"), "child", PutOptions.defaults());

        assertThat(root.resolve("objects/a/b/" + StoreLayout.OBJECT_FILE))
                .isRegularFile()
                .hasSize(ObjectHeader.SIZE + 6);
        assertThat(root.resolve("objects/a/b/c/" + StoreLayout.OBJECT_FILE)).isRegularFile();
    }

    @Test
    void removesDirectoriesThatDeletesEmpty() {
        BlobKey key = BlobKey.of("deep/er/still");
        put(key, "x", PutOptions.defaults());

        store.delete(key);

        assertThat(root.resolve("objects/deep")).doesNotExist();
        assertThat(root.resolve("objects")).isDirectory();
    }

    @Test
    void detectsADamagedHeader() throws IOException {
        BlobKey key = BlobKey.of("damaged");
        put(key, "content", PutOptions.defaults());
        try (FileChannel file =
                FileChannel.open(
                        root.resolve("objects/damaged/" + StoreLayout.OBJECT_FILE),
                        StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(new byte[] {0x7f}), 20);
        }

        assertReason(() -> store.head(key), Reason.IO);
        assertReason(() -> store.get(key), Reason.IO);
    }

    @Test
    void detectsAnObjectFileOfTheWrongLength() throws IOException {
        BlobKey key = BlobKey.of("truncated");
        put(key, "content", PutOptions.defaults());
        try (FileChannel file =
                FileChannel.open(
                        root.resolve("objects/truncated/" + StoreLayout.OBJECT_FILE),
                        StandardOpenOption.WRITE)) {
            file.truncate(ObjectHeader.SIZE + 3);
        }

        assertReason(() -> store.head(key), Reason.IO);
    }

    @Test
    void failsItsHealthCheckWhenTheRootIsNotWritable() throws IOException {
        Path temporary = root.resolve("tmp");
        Files.delete(temporary);
        Files.writeString(temporary, "not a directory");

        assertReason(() -> store.check(), Reason.UNAVAILABLE);
    }
}
