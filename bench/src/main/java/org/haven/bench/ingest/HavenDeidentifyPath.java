package org.haven.bench.ingest;

import java.nio.file.Path;
import org.haven.datasets.DatasetManifest;
import org.haven.datasets.DuckDbSession;
import org.haven.datasets.DuckDbSettings;
import org.haven.datasets.VersionRewrite;
import org.haven.datasets.WrittenVersion;
import org.haven.privacy.Deidentifier;
import org.haven.privacy.KeyRing;
import org.haven.privacy.KeyScope;
import org.haven.privacy.KeysetRepositories;
import org.haven.privacy.MasterKey;
import org.haven.privacy.PrivacyPolicy;

/**
 * What the server's {@code deidentify} step does to a validated version, minus the blob store: the standard policy
 * (DIRECT fields tokenised, the rest kept) applied with a {@link VersionRewrite}: the tokenised columns are read,
 * tokenised and written in Java, the kept ones copied by DuckDB into the new Parquet. Keys live in memory here,
 * wrapped by a throw-away master key; the server fetches them once per run.
 */
public final class HavenDeidentifyPath {

    /** What one run did. */
    public record Result(long rows, long nanos) {
    }

    private HavenDeidentifyPath() {
    }

    public static Result run(Path version, DatasetManifest manifest, Path output, DuckDbSettings settings) {
        long start = System.nanoTime();
        KeyRing keys = new KeyRing(KeysetRepositories.inMemory(), MasterKey.ephemeral());
        Deidentifier deidentifier = Deidentifier.of(manifest.schema(), PrivacyPolicy.standard(), keys,
                KeyScope.tenant("bench-tenant"));
        WrittenVersion written;
        try (DuckDbSession session = DuckDbSession.inMemory(settings)) {
            written = VersionRewrite.write(session, manifest.schema(), manifest.dataFiles(version),
                    deidentifier.outputSchema(), deidentifier.unchangedFields(), deidentifier::apply, output);
        }
        return new Result(written.rowCount(), System.nanoTime() - start);
    }
}
