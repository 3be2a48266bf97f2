package org.haven.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.haven.datasets.DatasetException.Problem;
import org.haven.datasets.internal.FileDigests;
import org.haven.datasets.internal.ManifestJson;
import org.haven.schema.Schema;

/**
 * The manifest of an immutable dataset version: identity, schema, files with their hashes, a content hash over
 * them, and lineage. Stored as {@value #FILE_NAME} beside the {@code data/} folder, as canonical JSON (see
 * {@link #toJson()}), so that the same manifest always has the same bytes and {@link #sha256()}.
 *
 * <p>A manifest is consistent when it exists: the constructor checks that the row count is the sum of the files'
 * rows, that {@code schemaSha256} is the hash of the schema and {@code contentSha256} the hash of the file list,
 * so a manifest edited by hand (a changed row count, a changed file hash) is refused on read. Whether the files on
 * disk are the ones described is {@link #verify(Path)}'s job. Rewriting a manifest and all its hashes consistently
 * cannot be detected from the directory alone: keep {@link #sha256()} in the catalog.
 *
 * @param formatVersion {@value #FORMAT_VERSION}, the layout of this document
 * @param datasetId the catalog's identifier of the dataset
 * @param version the version number, from 1
 * @param schemaVersion the catalog's number of the schema version the rows were validated against
 * @param schema that schema, so a version describes itself
 * @param schemaSha256 SHA-256 of the schema's canonical JSON
 * @param rowCount rows in all files
 * @param files the Parquet files in row order
 * @param contentSha256 {@link #contentHash(List)} of the files
 * @param lineage inputs, pipeline and code that made the version
 * @param createdAt when the version was written
 */
public record DatasetManifest(int formatVersion, String datasetId, long version, long schemaVersion, Schema schema,
        String schemaSha256, long rowCount, List<DataFile> files, String contentSha256, Lineage lineage,
        Instant createdAt) {

    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";

    public DatasetManifest {
        if (formatVersion != FORMAT_VERSION) {
            throw invalid("format_version " + formatVersion + " is not supported (expected " + FORMAT_VERSION + ")");
        }
        requireText(datasetId, "dataset_id");
        if (version < 1 || schemaVersion < 1) {
            throw invalid("version and schema_version start at 1");
        }
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(lineage, "lineage");
        Objects.requireNonNull(createdAt, "createdAt");
        files = List.copyOf(Objects.requireNonNull(files, "files"));
        if (files.isEmpty()) {
            throw invalid("a version has at least one file");
        }
        Set<String> paths = new HashSet<>();
        long sum = 0;
        for (DataFile file : files) {
            if (!paths.add(file.path())) {
                throw invalid("file " + file.path() + " is listed twice");
            }
            sum += file.rows();
        }
        if (sum != rowCount) {
            throw invalid("row_count " + rowCount + " is not the sum of the files' rows (" + sum + ")");
        }
        if (!schemaHash(schema).equals(schemaSha256)) {
            throw invalid("schema_sha256 is not the hash of the schema");
        }
        if (!contentHash(files).equals(contentSha256)) {
            throw invalid("content_sha256 is not the hash of the files");
        }
    }

    /** A manifest for what a {@link DatasetVersionWriter} wrote, with the hashes computed. */
    public static DatasetManifest of(String datasetId, long version, long schemaVersion, Schema schema,
            WrittenVersion written, Lineage lineage, Instant createdAt) {
        return new DatasetManifest(FORMAT_VERSION, datasetId, version, schemaVersion, schema, schemaHash(schema),
                written.rowCount(), written.files(), contentHash(written.files()), lineage, createdAt);
    }

    /**
     * The content hash: SHA-256 of, for each file in order, its path, size, SHA-256 and rows, each followed by a
     * line feed. It changes when any file's bytes, the order of the files or any row count changes.
     */
    public static String contentHash(List<DataFile> files) {
        StringBuilder text = new StringBuilder();
        for (DataFile file : files) {
            text.append(file.path()).append('\n').append(file.bytes()).append('\n').append(file.sha256()).append('\n')
                    .append(file.rows()).append('\n');
        }
        return FileDigests.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of the schema's canonical JSON (keys sorted, no white space). */
    public static String schemaHash(Schema schema) {
        return FileDigests.sha256(ManifestJson.canonicalSchema(schema).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Canonical JSON: snake_case keys sorted at every level, no white space, UTF-8, times in ISO-8601 UTC. The same
     * manifest always gives the same text.
     */
    public String toJson() {
        return ManifestJson.write(this);
    }

    /** SHA-256 of {@link #toJson()}: the identity to keep in the catalog. */
    public String sha256() {
        return FileDigests.sha256(toJson().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a manifest, checking that every property is present, of the right kind and consistent.
     *
     * @throws DatasetException INVALID_MANIFEST with the property at fault
     */
    public static DatasetManifest parse(String json) {
        return ManifestJson.read(json);
    }

    /** Reads {@value #FILE_NAME} from a version directory. */
    public static DatasetManifest read(Path versionDirectory) {
        Path file = versionDirectory.resolve(FILE_NAME);
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DatasetException(Problem.INVALID_MANIFEST, "cannot read " + FILE_NAME, e);
        }
    }

    /** Writes {@value #FILE_NAME} into a version directory; refuses to replace one. */
    public void write(Path versionDirectory) {
        Path file = versionDirectory.resolve(FILE_NAME);
        try {
            Files.writeString(file, toJson(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new DatasetException(Problem.TARGET_NOT_EMPTY, "the version already has a manifest");
        } catch (IOException e) {
            throw new DatasetException(Problem.STORAGE_FAILED, "cannot write " + FILE_NAME, e);
        }
    }

    /** The absolute paths of the data files in a version directory, in row order. */
    public List<Path> dataFiles(Path versionDirectory) {
        List<Path> paths = new ArrayList<>(files.size());
        Path root = versionDirectory.toAbsolutePath().normalize();
        for (DataFile file : files) {
            paths.add(root.resolve(file.path()).normalize());
        }
        return paths;
    }

    /**
     * Checks the files on disk against this manifest: each is a regular file inside the directory with the recorded
     * size and SHA-256, and the data folder holds no other Parquet file. Reads every byte once.
     *
     * @throws DatasetException VERIFICATION_FAILED listing every difference found
     */
    public void verify(Path versionDirectory) {
        Path root = versionDirectory.toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        for (DataFile file : files) {
            Path path = root.resolve(file.path()).normalize();
            if (!path.startsWith(root) || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(file.path() + " is missing");
                continue;
            }
            try {
                long size = Files.size(path);
                if (size != file.bytes()) {
                    problems.add(file.path() + " has " + size + " bytes, the manifest says " + file.bytes());
                } else if (!FileDigests.sha256(path).equals(file.sha256())) {
                    problems.add(file.path() + " has a different SHA-256");
                }
            } catch (IOException e) {
                problems.add(file.path() + " cannot be read");
            }
        }
        try {
            Set<String> listed = new HashSet<>();
            files.forEach(file -> listed.add(file.path()));
            for (Path extra : DatasetVersionWriter.parquetFiles(root.resolve(DatasetVersionWriter.DATA_FOLDER))) {
                String relative = DatasetVersionWriter.DATA_FOLDER + "/" + extra.getFileName();
                if (!listed.contains(relative)) {
                    problems.add(relative + " is not in the manifest");
                }
            }
        } catch (IOException e) {
            problems.add("the data folder cannot be listed");
        }
        if (!problems.isEmpty()) {
            throw new DatasetException(Problem.VERIFICATION_FAILED, String.join("; ", problems));
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw invalid(name + " is missing");
        }
    }

    private static DatasetException invalid(String message) {
        return new DatasetException(Problem.INVALID_MANIFEST, message);
    }
}
