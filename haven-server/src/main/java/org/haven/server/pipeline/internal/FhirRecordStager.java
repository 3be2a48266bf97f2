package org.haven.server.pipeline.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.haven.datasets.DatasetVersionWriter;
import org.haven.datasets.DuckDbSession;
import org.haven.datasets.DuckDbSettings;
import org.haven.datasets.WrittenVersion;
import org.haven.fhir.Flattened;
import org.haven.schema.FieldError;
import org.haven.schema.RecordResult;
import org.haven.schema.RecordValidator;
import org.haven.server.catalog.DatasetSchema;
import org.haven.storage.BlobInfo;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobStore;
import org.haven.storage.PutOptions;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns FHIR resources into records of their dataset as they are handed over: each resource is flattened and
 * validated (on every core: HAPI parsing each resource into its R4 model is most of the work), valid records go to a
 * {@link DatasetVersionWriter} in the order the resources arrived, and a resource that cannot be flattened is
 * quarantined with the reason, which names elements, never values. Each record also becomes a row of its serving table
 * ({@link CopyCsv}, with its {@link ContentHash}), so loading the table later is one stream into {@code COPY}. The
 * caller is never kept waiting for the flattening unless it runs more than a couple of batches ahead: a crawl stages
 * its resources while it still waits on the network, instead of parsing them all again after it.
 *
 * <p>{@link #add} is called from one thread at a time; {@link #store} ends the staging.
 */
final class FhirRecordStager implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Resources flattened together: enough to keep every core busy, few enough to hold in memory. */
    private static final int BATCH = 2_048;
    /** Batches handed over and not yet written; beyond this the caller waits. */
    private static final int BATCHES_AHEAD = 2;
    private static final String SERVING_ROWS = "serving-rows.csv";

    /** What the staging produced, in the shape of a {@code fhir_records} step's output. */
    record Staged(long read, long rejected, Map<String, Object> output) {}

    private final FhirDataset kind;
    private final DatasetSchema schema;
    private final RecordValidator validator;
    private final Path work;
    private final DuckDbSession session;
    private final DatasetVersionWriter writer;
    private final Writer rejects;
    /** The records as rows of {@link CopyCsv}, ready for {@code fhir_serve} to stream into its serving table. */
    private final Writer servingRows;
    private final ParallelBatches<String, Outcome> flattening;
    /** One thread, so records are written in the order their resources arrived. */
    private final ExecutorService writing;
    private final Semaphore ahead = new Semaphore(BATCHES_AHEAD);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private List<String> batch = new ArrayList<>(BATCH);
    // Written only by the writing thread; read after it has stopped.
    private long read;
    private long rejected;

    FhirRecordStager(FhirDataset kind, DatasetSchema schema, DuckDbSettings duckDb, Path work) throws IOException {
        this.kind = kind;
        this.schema = schema;
        this.validator = RecordValidator.of(schema.schema());
        this.work = Files.createDirectories(work);
        this.session = DuckDbSession.inMemory(duckDb.withTempDirectory(work.resolve("duckdb")));
        this.writer = DatasetVersionWriter.open(session, schema.schema(), work.resolve("version"));
        this.rejects = Files.newBufferedWriter(work.resolve("rejects.ndjson"), StandardCharsets.UTF_8);
        this.servingRows = Files.newBufferedWriter(work.resolve(SERVING_ROWS), StandardCharsets.UTF_8);
        this.flattening = new ParallelBatches<>("fhir-" + kind.dataset(), this::flatten);
        this.writing = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "fhir-" + kind.dataset() + "-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Takes one resource's JSON; blank lines are skipped. Waits only when flattening has fallen behind. */
    void add(String json) {
        if (json.isBlank()) {
            return;
        }
        batch.add(json);
        if (batch.size() == BATCH) {
            handOver();
        }
    }

    /**
     * Writes out what was handed over, then the Parquet files to {@code filesPrefix} and the rejects (if any) to
     * {@code rejectsKey} in the blob store. {@code input} names the staged resources the records came from.
     */
    Staged store(BlobStore blobs, String filesPrefix, String rejectsKey, Map<String, Object> input)
            throws IOException, InterruptedException {
        if (!batch.isEmpty()) {
            handOver();
        }
        writing.shutdown();
        while (!writing.awaitTermination(1, TimeUnit.MINUTES)) {
            // Flattening a large last batch can take a while; it ends or fails.
        }
        throwIfFailed();
        rejects.close();
        servingRows.close();
        WrittenVersion written = writer.finish();
        StagedFiles.upload(blobs, written, work.resolve("version"), filesPrefix);
        BlobInfo rows;
        try (InputStream serving = Files.newInputStream(work.resolve(SERVING_ROWS))) {
            rows = blobs.put(BlobKey.of(filesPrefix + SERVING_ROWS), serving,
                    PutOptions.defaults().withContentType("text/csv"));
        }
        if (rejected > 0) {
            try (InputStream refused = Files.newInputStream(work.resolve("rejects.ndjson"))) {
                blobs.put(BlobKey.of(rejectsKey), refused,
                        PutOptions.defaults().withContentType("application/x-ndjson"));
            }
        }
        Map<String, Object> output = output(written, filesPrefix, rejected > 0 ? rejectsKey : null, input);
        output.put("serving_rows", Map.of("key", rows.key().toString(), "sha256", rows.sha256(),
                "table", kind.servingTable().table()));
        return new Staged(read, rejected, output);
    }

    /** The line for the run's log: counts only. */
    String summary() {
        return kind.dataset() + ": " + read + " resources, " + (read - rejected) + " records, " + rejected
                + " rejected";
    }

    @Override
    public void close() {
        writing.shutdownNow();
        try {
            // The writer is not thread-safe: let an abandoned batch stop before it is closed under it.
            writing.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flattening.close();
        writer.close();
        session.close();
        try {
            rejects.close();
            servingRows.close();
        } catch (IOException e) {
            // The work directory is removed with everything in it.
        }
    }

    private void handOver() {
        throwIfFailed();
        try {
            ahead.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("staging " + kind.dataset() + " was interrupted"));
        }
        List<String> full = batch;
        batch = new ArrayList<>(BATCH);
        writing.execute(() -> {
            try {
                if (failure.get() == null) {
                    write(full, flattening.apply(full));
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            } finally {
                ahead.release();
            }
        });
    }

    private void throwIfFailed() {
        Throwable failed = failure.get();
        if (failed instanceof IOException io) {
            throw new UncheckedIOException("staging " + kind.dataset() + " records failed", io);
        }
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failed instanceof Error error) {
            throw error;
        }
        if (failed != null) {
            throw new IllegalStateException("staging " + kind.dataset() + " records failed", failed);
        }
    }

    /**
     * A resource flattened and validated: its record and the record's serving row (without its row number), or why it
     * did not become one.
     */
    private record Outcome(RecordResult record, String servingRow, String reason) {}

    private Outcome flatten(String json) {
        Flattened flattened = kind.flatten(json);
        if (flattened instanceof Flattened.Rejected rejectedResource) {
            return new Outcome(null, null, rejectedResource.reason());
        }
        RecordResult record = validator.validate(((Flattened.Accepted) flattened).values());
        if (!record.isValid()) {
            // The library promises records valid under its schema; a miss is still quarantined, not fatal.
            List<String> problems = new ArrayList<>();
            for (FieldError error : record.errors()) {
                problems.add(error.fieldName() + ": " + error.kind());
            }
            return new Outcome(null, null,
                    "not valid under the dataset's schema (" + String.join(", ", problems) + ")");
        }
        List<String> columns = kind.servingTable().columns();
        return new Outcome(record, CopyCsv.row(columns, record.values(), ContentHash.of(columns, record.values())),
                null);
    }

    private void write(List<String> resources, List<Outcome> outcomes) throws IOException {
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome.record() != null) {
                writer.write(outcome.record());
                servingRows.write(outcome.servingRow());
                servingRows.write(",");
                servingRows.write(Long.toString(read + i + 1));
                servingRows.write("\n");
            } else {
                rejected++;
                rejects.write(rejectLine(resources.get(i), outcome.reason()));
            }
        }
        read += resources.size();
    }

    /** The resource as sent and why it was refused; as sensitive as the resource, so kept with the dataset. */
    private static String rejectLine(String json, String reason) {
        ObjectNode line = JSON.createObjectNode();
        line.put("reason", reason);
        try {
            line.set("resource", JSON.readTree(json));
        } catch (RuntimeException notJson) {
            line.put("resource_text", json);
        }
        return JSON.writeValueAsString(line) + "\n";
    }

    private Map<String, Object> output(WrittenVersion written, String filesPrefix, String rejectsKey,
            Map<String, Object> input) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("dataset_id", schema.datasetId().toString());
        output.put("schema_version", schema.version());
        output.put("records", read);
        output.put("rows", written.rowCount());
        output.put("rejected", rejected);
        output.put("files_prefix", filesPrefix);
        output.put("files", StagedFiles.listing(written));
        if (rejectsKey != null) {
            output.put("rejects_key", rejectsKey);
        }
        output.put("input", input);
        return output;
    }
}
