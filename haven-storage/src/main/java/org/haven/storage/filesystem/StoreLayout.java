package org.haven.storage.filesystem;

import java.nio.file.Path;
import java.util.UUID;
import org.haven.storage.BlobKey;

/**
 * Where things live under a store root.
 *
 * <pre>
 * root/store.lock               held by the owning process
 * root/tmp/*.part               writes in progress; swept when the store opens
 * root/objects/a/b/\object      the object at key "a/b"
 * </pre>
 *
 * Each key is a directory holding its object file, so that "a/b" and "a/b/c" can both exist. The
 * object file's name starts with a backslash, which no key segment may contain, so it never
 * collides with a child segment.
 */
record StoreLayout(Path root) {

    static final String OBJECT_FILE = "\\object";

    Path lockFile() {
        return root.resolve("store.lock");
    }

    Path temporaryDirectory() {
        return root.resolve("tmp");
    }

    Path objectsDirectory() {
        return root.resolve("objects");
    }

    Path newTemporaryFile() {
        return temporaryDirectory().resolve(UUID.randomUUID() + ".part");
    }

    Path keyDirectory(BlobKey key) {
        Path directory = objectsDirectory();
        for (String segment : key.segments()) {
            directory = directory.resolve(segment);
        }
        return directory;
    }

    Path objectFile(BlobKey key) {
        return keyDirectory(key).resolve(OBJECT_FILE);
    }
}
