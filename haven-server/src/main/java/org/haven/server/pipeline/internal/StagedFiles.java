package org.haven.server.pipeline.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.haven.storage.BlobContent;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobStore;

/** The Parquet files an earlier step staged in the run's workspace, copied to local disk for DuckDB to read. */
final class StagedFiles {

    private StagedFiles() {}

    /** The files named by a staging step's output ({@code files_prefix}, {@code files}), in the order it lists them. */
    @SuppressWarnings("unchecked")
    static List<Path> download(BlobStore blobs, Map<String, Object> staged, Path directory) throws IOException {
        String prefix = staged.get("files_prefix").toString();
        List<Path> local = new ArrayList<>();
        for (Object entry : (List<Object>) staged.get("files")) {
            String path = ((Map<String, Object>) entry).get("path").toString();
            Path target = directory.resolve("part-" + local.size() + ".parquet");
            Files.createDirectories(directory);
            try (BlobContent content = blobs.get(BlobKey.of(prefix + path)); InputStream in = content.stream()) {
                Files.copy(in, target);
            }
            local.add(target);
        }
        return local;
    }
}
