package org.haven.datasets;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.haven.datasets.internal.RecordView;
import org.haven.formats.Record;
import org.haven.formats.RecordReader;
import org.haven.schema.RecordResult;
import org.haven.schema.RecordValidator;
import org.haven.schema.ValidationReport;

/**
 * The validate-and-publish loop: every record of a reader is validated, counted in a {@link ValidationReport},
 * and written to a version or quarantined. Parsing and validation run on a second thread and hand validated
 * batches over to the caller's thread, which writes them: measured, that splits the work most evenly on two
 * cores; memory stays bounded (at most {@value #QUEUED_BATCHES}
 * batches of at most {@value #BATCH_RECORDS} records or about {@value #BATCH_CHARS} characters wait). Records are
 * written in input order.
 */
public final class VersionIngest {

    static final int BATCH_RECORDS = 1024;
    static final int BATCH_CHARS = 1 << 20;
    static final int QUEUED_BATCHES = 4;

    /**
     * What a run did.
     *
     * @param records records read
     * @param written valid records written to the version
     * @param rejected invalid records quarantined
     * @param stoppedEarly whether reading stopped because more than {@code maxRejected} records were invalid
     * @param report per-field error counts and masked examples
     */
    public record Outcome(long records, long written, long rejected, boolean stoppedEarly, ValidationReport report) {
    }

    private VersionIngest() {
    }

    /**
     * Reads the reader to its end (or until more than {@code maxRejected} records are invalid, when the file is to be
     * refused as a whole; the caller then closes the writer unfinished). The caller still owns and closes the
     * reader, the writer and the rejects writer, and calls {@link DatasetVersionWriter#finish()}.
     *
     * @throws org.haven.formats.FormatException when the input is malformed; nothing more is read
     * @throws IOException when reading or writing rejects fails
     */
    public static Outcome run(RecordReader reader, RecordValidator validator, DatasetVersionWriter writer,
            RejectsWriter rejects, long maxRejected) throws IOException {
        return run(reader, validator, UnaryOperator.identity(), writer, rejects, maxRejected);
    }

    /**
     * {@link #run(RecordReader, RecordValidator, DatasetVersionWriter, RejectsWriter, long)}, writing each valid
     * record as {@code transform} makes it (typed values keyed by field name, in the writer's schema): a
     * de-identification applied to the records as they are validated, so the version written is the de-identified
     * one and the identifiable values are never written at all. Invalid records are quarantined as they were read.
     */
    public static Outcome run(RecordReader reader, RecordValidator validator,
            UnaryOperator<Map<String, Object>> transform, DatasetVersionWriter writer, RejectsWriter rejects,
            long maxRejected) throws IOException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(transform, "transform");
        ValidationReport report = new ValidationReport(validator.schema());
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        Parser parser = new Parser(reader, validator, transform, queue);
        Thread thread = new Thread(parser, "haven-ingest-reader");
        thread.setDaemon(true);
        thread.start();
        long records = 0;
        long written = 0;
        long rejected = 0;
        boolean stoppedEarly = false;
        try {
            while (true) {
                Batch batch = take(queue);
                for (int i = 0; i < batch.records().size(); i++) {
                    Record record = batch.records().get(i);
                    RecordResult result = batch.results().get(i);
                    report.add(result);
                    records++;
                    if (result.isValid()) {
                        writer.write(result.values());
                        written++;
                    } else {
                        rejects.reject(record, result.errors());
                        rejected++;
                    }
                }
                if (rejected > maxRejected) {
                    stoppedEarly = true;
                    break;
                }
                if (batch.failure() != null) {
                    throw batch.failure();
                }
                if (batch.last()) {
                    break;
                }
            }
        } finally {
            parser.stop();
            thread.interrupt();
            join(thread);
        }
        return new Outcome(records, written, rejected, stoppedEarly, report);
    }

    private static Batch take(BlockingQueue<Batch> queue) throws InterruptedIOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while validating");
        }
    }

    private static void join(Thread thread) throws InterruptedIOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the reader");
        }
    }

    /** Records read with their validation results, and whether the input ended (or failed) after them. */
    private record Batch(List<Record> records, List<RecordResult> results, boolean last, IOException failure) {
    }

    /** Reads and validates on its own thread into batches until the end, a failure, or {@link #stop()}. */
    private static final class Parser implements Runnable {

        private final RecordReader reader;
        private final RecordValidator validator;
        private final UnaryOperator<Map<String, Object>> transform;
        private final BlockingQueue<Batch> queue;
        private volatile boolean stopped;

        Parser(RecordReader reader, RecordValidator validator, UnaryOperator<Map<String, Object>> transform,
                BlockingQueue<Batch> queue) {
            this.reader = reader;
            this.validator = validator;
            this.transform = transform;
            this.queue = queue;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            try {
                while (!stopped) {
                    List<Record> records = new ArrayList<>(BATCH_RECORDS);
                    List<RecordResult> results = new ArrayList<>(BATCH_RECORDS);
                    long chars = 0;
                    boolean ended = false;
                    IOException failure = null;
                    try {
                        while (records.size() < BATCH_RECORDS && chars < BATCH_CHARS) {
                            Optional<Record> next = reader.next();
                            if (next.isEmpty()) {
                                ended = true;
                                break;
                            }
                            records.add(next.get());
                            RecordResult result = validator.validate(new RecordView(next.get()));
                            // Valid records leave in the shape they are written in: a policy is applied here.
                            results.add(result.isValid() ? new RecordResult(transform.apply(result.values()),
                                    result.errors()) : result);
                            chars += size(next.get());
                        }
                    } catch (IOException | RuntimeException e) {
                        failure = e instanceof IOException io ? io : new IOException("reading the input failed", e);
                    }
                    boolean last = ended || failure != null;
                    queue.put(new Batch(records, results, last, failure));
                    if (last) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // The consumer has stopped: nothing more to hand over.
            }
        }

        private static long size(Record record) {
            long chars = 0;
            for (int i = 0; i < record.size(); i++) {
                String value = record.get(i);
                chars += value == null ? 0 : value.length();
            }
            return chars;
        }
    }
}
