package org.haven.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.haven.storage.BlobContent;
import org.haven.storage.BlobInfo;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobStoreException;
import org.haven.storage.BlobStoreException.Reason;
import org.haven.storage.TestContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process in the middle of a put and checks what the next owner of the store root finds.
 */
class FilesystemBlobStoreCrashIT {

    private static final long SIZE = 16L * 1024 * 1024;

    @TempDir Path root;

    @Test
    void aPutKilledMidwayLeavesNoObject() throws Exception {
        BlobKey key = BlobKey.of("crash/new");

        killMidwayThroughPut(key);

        try (FilesystemBlobStore store = FilesystemBlobStore.open(root)) {
            assertThat(store.head(key)).isEmpty();
            assertThatThrownBy(() -> store.get(key))
                    .isInstanceOfSatisfying(
                            BlobStoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
            assertThat(store.list("", null, 10).items()).isEmpty();
            assertThat(temporaryFiles()).isEmpty();

            BlobInfo written = store.put(key, TestContent.patterned(1000));
            assertThat(store.head(key).orElseThrow().sha256()).isEqualTo(written.sha256());
        }
    }

    @Test
    void anOverwriteKilledMidwayLeavesThePreviousVersionIntact() throws Exception {
        BlobKey key = BlobKey.of("crash/existing");
        BlobInfo original;
        try (FilesystemBlobStore store = FilesystemBlobStore.open(root)) {
            original =
                    store.put(
                            key,
                            new ByteArrayInputStream(
                                    "the original".getBytes(StandardCharsets.UTF_8)));
        }

        killMidwayThroughPut(key);

        try (FilesystemBlobStore store = FilesystemBlobStore.open(root)) {
            BlobInfo head = store.head(key).orElseThrow();
            assertThat(head.sha256()).isEqualTo(original.sha256());
            assertThat(head.size()).isEqualTo(original.size());
            try (BlobContent content = store.get(key)) {
                assertThat(TestContent.sha256Of(content.stream())).isEqualTo(original.sha256());
            }
            assertThat(temporaryFiles()).isEmpty();
        }
    }

    /**
     * Starts a child JVM that puts {@link #SIZE} bytes, waits until it is halfway, and kills it
     * with SIGKILL.
     */
    private void killMidwayThroughPut(BlobKey key) throws Exception {
        Process child =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx64m",
                                "-XX:TieredStopAtLevel=1",
                                "-cp",
                                System.getProperty("java.class.path"),
                                SlowPutMain.class.getName(),
                                root.toString(),
                                key.value(),
                                Long.toString(SIZE))
                        .redirectErrorStream(true)
                        .start();
        try {
            BufferedReader output =
                    new BufferedReader(
                            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = output.readLine();
            } while (line != null && !line.equals(SlowPutMain.MIDWAY));
            assertThat(line)
                    .as("the child reached the middle of its put")
                    .isEqualTo(SlowPutMain.MIDWAY);
            assertThat(temporaryFiles()).as("the unfinished write is on disk").hasSize(1);
            assertThatThrownBy(() -> FilesystemBlobStore.open(root))
                    .as("the child owns the root")
                    .isInstanceOfSatisfying(
                            BlobStoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.STORE_LOCKED));
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("tmp"))) {
            return files.toList();
        }
    }
}
