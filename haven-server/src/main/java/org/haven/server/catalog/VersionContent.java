package org.haven.server.catalog;

/**
 * What a publisher stores for a version once its number is known: the manifest names the number, so it can only be
 * written after the catalog has chosen it. Called inside the publishing transaction, so a failure here publishes
 * nothing; it may be called again for the same run after a crash and must overwrite what an earlier call stored.
 */
@FunctionalInterface
public interface VersionContent {

    StoredVersion store(int versionNumber) throws Exception;

    /**
     * @param manifestJson the manifest as stored, canonical JSON
     * @param manifestSha256 SHA-256 of the stored manifest's bytes
     * @param storagePrefix the blob-store prefix of the version, ending in '/'
     */
    record StoredVersion(int schemaVersion, long rowCount, String contentHash, String manifestJson,
            String manifestSha256, String storagePrefix) {}
}
