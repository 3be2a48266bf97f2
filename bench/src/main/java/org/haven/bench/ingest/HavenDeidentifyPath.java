package org.haven.bench.ingest;

import java.io.IOException;
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
import org.haven.schema.Schema;

/**
 * What the server's {@code deidentify} step does to a validated version, minus the blob store: the standard policy
 * (DIRECT fields tokenised, the rest kept) applied with a {@link VersionRewrite}: the tokenised columns are read,
 * tokenised and written in Java, the kept ones copied by DuckDB into the new Parquet. Keys live in memory here,
 * wrapped by a throw-away master key; the server fetches them once per run. {@link #runInsideValidate} is the other
 * way the server de-identifies: inside {@code validate}, writing only the de-identified version.
 */
public final class HavenDeidentifyPath {

    /** What one run did. */
    public record Result(long rows, long nanos) {
    }

    private HavenDeidentifyPath() {
    }

    public static Result run(Path version, DatasetManifest manifest, Path output, DuckDbSettings settings) {
        long start = System.nanoTime();
        Deidentifier deidentifier = standardPolicy(manifest.schema());
        WrittenVersion written;
        try (DuckDbSession session = DuckDbSession.inMemory(settings)) {
            written = VersionRewrite.write(session, manifest.schema(), manifest.dataFiles(version),
                    deidentifier.outputSchema(), deidentifier.unchangedFields(), deidentifier::apply, output);
        }
        return new Result(written.rowCount(), System.nanoTime() - start);
    }

    /**
     * The ingest path with the same policy applied inside {@code validate}: one version, the de-identified one, written
     * straight from the file. The difference to the plain ingest path is what de-identification costs there.
     */
    public static HavenIngestPath.Result runInsideValidate(Path csv, Schema schema, Path versionDirectory,
            DuckDbSettings settings) throws IOException {
        long start = System.nanoTime();
        Deidentifier deidentifier = standardPolicy(schema);
        HavenIngestPath.Result result = HavenIngestPath.run(csv, schema, deidentifier::apply,
                deidentifier.outputSchema(), versionDirectory, settings);
        return new HavenIngestPath.Result(result.rows(), result.rejected(), System.nanoTime() - start,
                result.manifest());
    }

    private static Deidentifier standardPolicy(Schema schema) {
        KeyRing keys = new KeyRing(KeysetRepositories.inMemory(), MasterKey.ephemeral());
        return Deidentifier.of(schema, PrivacyPolicy.standard(), keys, KeyScope.tenant("bench-tenant"));
    }
}
