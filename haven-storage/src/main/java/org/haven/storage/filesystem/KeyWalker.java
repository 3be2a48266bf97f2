package org.haven.storage.filesystem;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobSummary;

/**
 * Lists keys in code-point order by walking the key directories.
 *
 * <p>A plain depth-first walk would be wrong: "a/b!" sorts before "a/b/c" because '!' sorts before
 * '/'. So within a directory, each child contributes two entries, its own object (sorted as "b")
 * and its subtree (sorted as "b/"), and entries are visited in that order. Subtrees that lie wholly
 * before the cursor or outside the prefix are never opened.
 */
final class KeyWalker {

    private record Entry(String sortKey, Path directory, boolean isObject) {}

    private final String prefix;
    private final String after;
    private final int wanted;
    private final Function<BlobKey, Optional<BlobSummary>> summaries;
    private final List<BlobSummary> found = new ArrayList<>();

    /**
     * @param after the key the listing resumes after, or null
     * @param wanted how many keys to collect before stopping
     * @param summaries reads one object's summary; empty if it vanished meanwhile
     */
    KeyWalker(
            String prefix,
            BlobKey after,
            int wanted,
            Function<BlobKey, Optional<BlobSummary>> summaries) {
        this.prefix = prefix;
        this.after = after == null ? null : after.value();
        this.wanted = wanted;
        this.summaries = summaries;
    }

    List<BlobSummary> walk(Path objectsDirectory) throws IOException {
        visit(objectsDirectory, "");
        return found;
    }

    private void visit(Path directory, String keyPrefix) throws IOException {
        for (Entry entry : entriesOf(directory, keyPrefix)) {
            if (found.size() >= wanted) {
                return;
            }
            String key = entry.sortKey();
            if (entry.isObject()) {
                if (key.startsWith(prefix) && isAfterCursor(key)) {
                    summaries.apply(BlobKey.of(key)).ifPresent(found::add);
                }
            } else if (mayHoldPrefix(key) && !liesBeforeCursor(key)) {
                visit(entry.directory(), key);
            }
        }
    }

    private List<Entry> entriesOf(Path directory, String keyPrefix) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> children =
                Files.newDirectoryStream(directory, Files::isDirectory)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (!BlobKey.isValid(keyPrefix + name)) {
                    continue;
                }
                if (Files.isRegularFile(child.resolve(StoreLayout.OBJECT_FILE))) {
                    entries.add(new Entry(keyPrefix + name, child, true));
                }
                entries.add(new Entry(keyPrefix + name + "/", child, false));
            }
        } catch (NoSuchFileException e) {
            // Removed by a concurrent delete: it holds no keys any more.
            return List.of();
        }
        entries.sort(Comparator.comparing(Entry::sortKey, BlobKey::compareCodePoints));
        return entries;
    }

    private boolean isAfterCursor(String key) {
        return after == null || BlobKey.compareCodePoints(key, after) > 0;
    }

    private boolean mayHoldPrefix(String subtree) {
        return subtree.startsWith(prefix) || prefix.startsWith(subtree);
    }

    /**
     * Every key under the subtree sorts before the cursor: they differ from it inside the subtree's
     * own prefix.
     */
    private boolean liesBeforeCursor(String subtree) {
        return after != null
                && !after.startsWith(subtree)
                && BlobKey.compareCodePoints(subtree, after) < 0;
    }
}
