package org.haven.server.pipeline.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.haven.datasets.DataFile;
import org.haven.datasets.WrittenVersion;
import org.haven.storage.BlobContent;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobStore;
import org.haven.storage.PutOptions;

/**
 * The Parquet files a step stages in the run's workspace for a later step to publish: put there from local disk and
 * listed in the step's output ({@code files_prefix}, {@code files}), and copied back to local disk for DuckDB to read.
 */
final class StagedFiles {

    private StagedFiles() {}

    /** Puts a written version's files from {@code versionDirectory} under {@code prefix}, checking their hashes. */
    static void upload(BlobStore blobs, WrittenVersion written, Path versionDirectory, String prefix)
            throws IOException {
        for (DataFile file : written.files()) {
            try (InputStream data = Files.newInputStream(versionDirectory.resolve(file.path()))) {
                blobs.put(BlobKey.of(prefix + file.path()), data, PutOptions.defaults().withExpectedSha256(file.sha256()));
            }
        }
    }

    /** The {@code files} entry of a staging step's output. */
    static List<Map<String, Object>> listing(WrittenVersion written) {
        return written.files().stream().map(file -> Map.<String, Object>of("path", file.path(), "bytes", file.bytes(),
                "sha256", file.sha256(), "rows", file.rows())).toList();
    }

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
