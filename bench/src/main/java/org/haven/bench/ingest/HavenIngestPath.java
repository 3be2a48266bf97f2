package org.haven.bench.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.haven.datasets.DatasetManifest;
import org.haven.datasets.DatasetVersionWriter;
import org.haven.datasets.DuckDbSession;
import org.haven.datasets.DuckDbSettings;
import org.haven.datasets.InputObject;
import org.haven.datasets.Lineage;
import org.haven.datasets.RejectsWriter;
import org.haven.datasets.VersionIngest;
import org.haven.datasets.WrittenVersion;
import org.haven.formats.Format;
import org.haven.formats.RecordReader;
import org.haven.formats.RecordReaders;
import org.haven.schema.RecordValidator;
import org.haven.schema.Schema;

/**
 * Haven's ingest path without the server: read the CSV with {@link RecordReaders}, check every record with a
 * {@link RecordValidator}, write valid records with a {@link DatasetVersionWriter} and quarantine the rest with a
 * {@link RejectsWriter} (the loop is {@link VersionIngest}), then write the {@link DatasetManifest}. What the server's validate and publish steps do,
 * minus the blob store and the database.
 */
public final class HavenIngestPath {

    /** What one run did. */
    public record Result(long rows, long rejected, long nanos, DatasetManifest manifest) {
    }

    private HavenIngestPath() {
    }

    public static Result run(Path csv, Schema schema, Path versionDirectory, DuckDbSettings settings)
            throws IOException {
        return run(csv, schema, UnaryOperator.identity(), schema, versionDirectory, settings);
    }

    /**
     * The same path writing each valid record as {@code transform} makes it, into a version of {@code outputSchema}:
     * the {@code validate} step with a de-identification policy applied inside it.
     */
    public static Result run(Path csv, Schema schema, UnaryOperator<Map<String, Object>> transform,
            Schema outputSchema, Path versionDirectory, DuckDbSettings settings) throws IOException {
        long start = System.nanoTime();
        RecordValidator validator = RecordValidator.of(schema);
        long rows = 0;
        WrittenVersion written;
        long rejected;
        try (DuckDbSession session = DuckDbSession.inMemory(settings);
                DatasetVersionWriter writer = DatasetVersionWriter.open(session, outputSchema, versionDirectory);
                OutputStream rejectsFile = Files.newOutputStream(versionDirectory.resolveSibling(
                        versionDirectory.getFileName() + ".rejects.ndjson"));
                RejectsWriter rejects = new RejectsWriter(rejectsFile);
                InputStream input = Files.newInputStream(csv);
                RecordReader reader = RecordReaders.open(input, Format.CSV)) {
            VersionIngest.Outcome outcome = VersionIngest.run(reader, validator, transform, writer, rejects,
                    Long.MAX_VALUE);
            rows = outcome.records();
            written = writer.finish();
            rejected = rejects.count();
        }
        Lineage lineage = new Lineage(List.of(new InputObject("bench/" + csv.getFileName(), "0".repeat(64))),
                "bench-ingest", "1", "bench-run", Map.of(), "bench");
        DatasetManifest manifest = DatasetManifest.of("bench", 1, 1, outputSchema, written, lineage, Instant.now());
        manifest.write(versionDirectory);
        return new Result(rows, rejected, System.nanoTime() - start, manifest);
    }
}
