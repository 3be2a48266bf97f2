package org.haven.server.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.haven.datasets.DataFile;
import org.haven.datasets.DatasetManifest;
import org.haven.server.config.HavenSettings;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.storage.BlobStoreProblems;
import org.haven.storage.BlobContent;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobStore;
import org.haven.storage.BlobStoreException;
import org.haven.storage.PutOptions;
import org.springframework.stereotype.Component;

/**
 * Where dataset versions live: in the blob store under
 * {@code tenants/{tenant}/datastore/datasets/{dataset}/runs/{run}/} ({@code manifest.json} and
 * {@code data/part-<n>.parquet}), addressed by the publishing run so that a publish repeated after a crash writes
 * the same keys again. DuckDB reads local files only, so reads go through a local copy of a version under the data
 * directory, fetched once and checked against its manifest; versions never change, so a copy never goes stale.
 */
@Component
public class VersionStorage {

    private final BlobStore blobs;
    private final Path cacheRoot;

    VersionStorage(BlobStore blobs, HavenSettings settings) {
        this.blobs = blobs;
        this.cacheRoot = settings.dataDir().resolve("cache").resolve("versions");
    }

    /** The blob-store prefix of the version a run publishes, ending in '/'. */
    public static String prefix(UUID tenantId, UUID datasetId, UUID runId) {
        return "tenants/" + tenantId + "/datastore/datasets/" + datasetId + "/runs/" + runId + "/";
    }

    /**
     * Where a run's quarantined records for a dataset are kept: with the dataset, in the owner's data store, since
     * they hold raw values. Not versioned, and not part of any version.
     */
    public static String rejectsKey(UUID tenantId, UUID datasetId, UUID runId) {
        return "tenants/" + tenantId + "/datastore/datasets/" + datasetId + "/rejects/" + runId + ".ndjson";
    }

    /** The run's rejected records for the dataset, or empty when it rejected none. */
    public Optional<BlobContent> openRejects(UUID tenantId, UUID datasetId, UUID runId) {
        BlobKey key = BlobKey.of(rejectsKey(tenantId, datasetId, runId));
        try {
            if (blobs.head(key).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(blobs.get(key));
        } catch (BlobStoreException e) {
            throw BlobStoreProblems.toHavenException(e);
        }
    }

    /** Stores the manifest beside the data files already under {@code prefix}; returns the SHA-256 of its bytes. */
    public String putManifest(String prefix, DatasetManifest manifest) {
        byte[] json = manifest.toJson().getBytes(StandardCharsets.UTF_8);
        try {
            return blobs.put(BlobKey.of(prefix + DatasetManifest.FILE_NAME), new ByteArrayInputStream(json),
                    PutOptions.defaults().withContentType("application/json")).sha256();
        } catch (BlobStoreException e) {
            throw BlobStoreProblems.toHavenException(e);
        }
    }

    /**
     * A local directory holding the version's manifest and data files, verified against the manifest. Safe to call
     * from several threads and processes: each fetch fills a directory of its own and moves it into place.
     */
    public Path localCopy(DatasetVersion version) {
        Path target = cacheRoot.resolve(version.tenantId().toString()).resolve(version.datasetId().toString())
                .resolve(Integer.toString(version.version()));
        if (Files.isRegularFile(target.resolve(DatasetManifest.FILE_NAME))) {
            return target;
        }
        Path fetching = null;
        try {
            Files.createDirectories(target.getParent());
            fetching = Files.createTempDirectory(target.getParent(), "fetch-");
            fetch(BlobKey.of(version.storagePrefix() + DatasetManifest.FILE_NAME),
                    fetching.resolve(DatasetManifest.FILE_NAME));
            DatasetManifest manifest = DatasetManifest.read(fetching);
            if (!manifest.contentSha256().equals(version.contentHash())) {
                throw new HavenException(ErrorCode.INTERNAL, "A stored version does not match its catalog entry");
            }
            for (DataFile file : manifest.files()) {
                Path local = fetching.resolve(file.path()).normalize();
                if (!local.startsWith(fetching)) {
                    throw new HavenException(ErrorCode.INTERNAL, "A stored manifest names a file outside its version");
                }
                Files.createDirectories(local.getParent());
                fetch(BlobKey.of(version.storagePrefix() + file.path()), local);
            }
            manifest.verify(fetching);
            if (moveIntoPlace(fetching, target)) {
                fetching = null;
            }
            return target;
        } catch (IOException e) {
            throw new HavenException(ErrorCode.UNAVAILABLE, "The version could not be copied for reading", e);
        } finally {
            deleteQuietly(fetching);
        }
    }

    private void fetch(BlobKey key, Path local) throws IOException {
        try (BlobContent content = blobs.get(key); InputStream in = content.stream()) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        } catch (BlobStoreException e) {
            throw BlobStoreProblems.toHavenException(e);
        }
    }

    /** False when another reader moved the same version into place first: theirs is as good as ours. */
    private static boolean moveIntoPlace(Path fetched, Path target) throws IOException {
        try {
            Files.move(fetched, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(fetched, target);
            return true;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A leftover temporary directory is harmless: it is never read.
        }
    }
}
