package org.haven.server.query.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.haven.datasets.DatasetManifest;
import org.haven.datasets.DuckDbSession;
import org.haven.datasets.VersionRewrite;
import org.haven.datasets.WrittenVersion;
import org.haven.privacy.DeidentificationSummary;
import org.haven.privacy.Deidentifier;
import org.haven.privacy.KeyRing;
import org.haven.privacy.KeyScope;
import org.haven.privacy.KeysetInfo;
import org.haven.privacy.PrivacyPolicy;
import org.haven.server.sharing.DatasetGrant;
import org.springframework.util.FileSystemUtils;

/**
 * A version de-identified at read time for one project: every record of the stored version passed through a
 * {@link Deidentifier} with the grant's policy (the standard one, DIRECT fields tokenised, when it names none) and the
 * keys of the owner's tenant in the project's scope, written as a version of its own in a temporary directory that
 * {@link #close()} deletes. Exports read it exactly as they read a stored version.
 */
final class PseudonymisedRendition implements AutoCloseable {

    private final Path directory;
    private final DatasetManifest manifest;
    private final DeidentificationSummary summary;

    private PseudonymisedRendition(Path directory, DatasetManifest manifest, DeidentificationSummary summary) {
        this.directory = directory;
        this.manifest = manifest;
        this.summary = summary;
    }

    static PseudonymisedRendition of(DuckDbSession session, Path storedVersion, DatasetManifest stored, UUID tenantId,
            DatasetGrant grant, KeyRing keys) {
        PrivacyPolicy policy = grant.policy() == null ? PrivacyPolicy.standard() : PrivacyPolicy.parse(grant.policy().toString());
        Deidentifier deidentifier = Deidentifier.of(stored.schema(), policy, keys,
                KeyScope.project(tenantId.toString(), grant.projectId().toString()));
        Path directory = null;
        try {
            Files.createDirectories(session.settings().tempDirectory());
            directory = Files.createTempDirectory(session.settings().tempDirectory(), "pseudonymised-");
            // Kept fields are copied by DuckDB; only the treated ones pass through the de-identifier.
            WrittenVersion written = VersionRewrite.write(session, stored.schema(), stored.dataFiles(storedVersion),
                    deidentifier.outputSchema(), deidentifier.unchangedFields(), deidentifier::apply, directory);
            DatasetManifest manifest = DatasetManifest.of(stored.datasetId(), stored.version(), stored.schemaVersion(),
                    deidentifier.outputSchema(), written, stored.lineage(), stored.createdAt());
            return new PseudonymisedRendition(directory, manifest, deidentifier.summary());
        } catch (IOException e) {
            delete(directory);
            throw new UncheckedIOException("cannot prepare a pseudonymised copy of the version", e);
        } catch (RuntimeException e) {
            delete(directory);
            throw e;
        }
    }

    Path directory() {
        return directory;
    }

    DatasetManifest manifest() {
        return manifest;
    }

    String policyHash() {
        return summary.policyHash();
    }

    /** The ids of the keysets used, for the audit log; never the keys. */
    List<String> keysetIds() {
        return summary.keysets().stream().map(KeysetInfo::keysetId).toList();
    }

    @Override
    public void close() {
        delete(directory);
    }

    private static void delete(Path directory) {
        if (directory != null) {
            try {
                FileSystemUtils.deleteRecursively(directory);
            } catch (IOException e) {
                // what is left behind is de-identified data only, in the server's own temporary directory
            }
        }
    }
}
