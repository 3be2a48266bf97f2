package org.haven.server.pipeline.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.haven.fhir.CrawlListener;
import org.haven.fhir.CrawlSummary;
import org.haven.fhir.FhirSourceException;
import org.haven.fhir.PostalCodeCrawl;
import org.haven.fhir.PostalCodeExport;
import org.haven.fhir.ResourceKind;
import org.haven.fhir.ResourceSink;
import org.haven.pipelines.StepContext;
import org.haven.pipelines.StepFailure;
import org.haven.pipelines.StepResult;
import org.haven.pipelines.StepType;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.fhir.FhirSource;
import org.haven.server.fhir.FhirSourceService;
import org.haven.storage.BlobInfo;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobStore;
import org.haven.storage.PutOptions;
import org.springframework.stereotype.Component;

/**
 * {@code fhir_fetch}: crawls the Patients of the run's postal code and their Observations from the run's FHIR
 * source (or, for a source in {@code bulk_export} mode, reads them through a FHIR Bulk Data export) and stages them
 * as {@code patients.ndjson} and {@code observations.ndjson} in the run's workspace, one resource per line as the
 * server sent it. Progress goes to the run's log as counts only: the crawl's URLs hold
 * postal codes and patient ids. A crawl that cannot finish stages nothing; a server that is down or throttling is
 * a retryable failure, anything else (refused credentials, a rejected request, a malformed answer) permanent.
 *
 * <p>Inputs: {@code source_id} (a FHIR source of the run's tenant) and {@code postal_code}. No params.
 */
@Component
class FhirFetchStep implements StepType {

    private static final int LOG_EVERY_PAGES = 10;

    private final FhirSourceService sources;
    private final BlobStore blobs;
    private final StepScratch scratch;

    FhirFetchStep(FhirSourceService sources, BlobStore blobs, StepScratch scratch) {
        this.sources = sources;
        this.blobs = blobs;
        this.scratch = scratch;
    }

    @Override
    public String name() {
        return "fhir_fetch";
    }

    @Override
    public List<String> validate(Map<String, Object> params) {
        return StepParams.unknownKeys(params, java.util.Set.of());
    }

    @Override
    public StepResult execute(StepContext context) throws Exception {
        UUID sourceId = StepParams.requiredInput(context, "source_id");
        String postalCode = context.inputs().get("postal_code");
        if (postalCode == null || postalCode.isBlank()) {
            throw StepFailure.permanent("the run has no 'postal_code' input");
        }
        FhirSource source = sourceOfTenant(context, sourceId);
        String stepPrefix = context.workspacePrefix() + context.stepId() + "/";
        Path work = scratch.create(context);
        try {
            Path patients = work.resolve("patients.ndjson");
            Path observations = work.resolve("observations.ndjson");
            CrawlSummary summary;
            try (Writer patientLines = Files.newBufferedWriter(patients, StandardCharsets.UTF_8);
                    Writer observationLines = Files.newBufferedWriter(observations, StandardCharsets.UTF_8)) {
                summary = crawl(context, source, postalCode, new NdjsonSink(patientLines, observationLines));
            }
            if (isBulkExport(source)) {
                context.log("exported " + summary.pages() + " files: " + summary.patients() + " patients, "
                        + summary.observations() + " observations, " + summary.retries() + " retries, "
                        + summary.duplicates() + " duplicates, " + summary.patientsWithoutId()
                        + " patients without id, " + summary.skipped() + " resources of other postal codes skipped");
            } else {
                context.log("fetched " + summary.pages() + " pages: " + summary.patients() + " patients, "
                        + summary.observations() + " observations, " + summary.retries() + " retries, "
                        + summary.duplicates() + " duplicates, " + summary.patientsWithoutId()
                        + " patients without id");
            }
            BlobInfo patientBlob = put(stepPrefix + "patients.ndjson", patients);
            BlobInfo observationBlob = put(stepPrefix + "observations.ndjson", observations);
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("source_id", sourceId.toString());
            output.put("patients", summary.patients());
            output.put("observations", summary.observations());
            output.put("mode", source.mode());
            output.put("pages", summary.pages());
            output.put("retries", summary.retries());
            output.put("patients_key", patientBlob.key().toString());
            output.put("patients_sha256", patientBlob.sha256());
            output.put("observations_key", observationBlob.key().toString());
            output.put("observations_sha256", observationBlob.sha256());
            return StepResult.of(output);
        } finally {
            scratch.delete(work);
        }
    }

    private FhirSource sourceOfTenant(StepContext context, UUID sourceId) {
        try {
            FhirSource source = sources.get(sourceId);
            if (source.tenantId().equals(StepParams.tenant(context))) {
                return source;
            }
        } catch (HavenException e) {
            if (e.errorCode() != ErrorCode.NOT_FOUND) {
                throw e;
            }
        }
        throw StepFailure.permanent("the tenant has no FHIR source " + sourceId);
    }

    private CrawlSummary crawl(StepContext context, FhirSource source, String postalCode, ResourceSink sink) {
        try {
            ProgressLog progress = new ProgressLog(context, isBulkExport(source));
            if (isBulkExport(source)) {
                context.log("starting a bulk export");
                return new PostalCodeExport(sources.settings(source.id())).run(postalCode, sink, progress);
            }
            return new PostalCodeCrawl(sources.settings(source.id())).run(postalCode, sink, progress);
        } catch (FhirSourceException e) {
            // The library's message names a URL, which holds the postal code or a patient id; the error kind and
            // status say what went wrong without either.
            String reason = "the FHIR source " + source.name() + " failed: " + e.error()
                    + (e.lastStatus().isPresent() ? " (last status " + e.lastStatus().getAsInt() + ")" : "");
            throw e.isRetryable() ? StepFailure.retryable(reason, e) : StepFailure.permanent(reason, e);
        } catch (UncheckedIOException e) {
            throw StepFailure.retryable("could not stage the fetched resources", e);
        }
    }

    private static boolean isBulkExport(FhirSource source) {
        return FhirSource.BULK_EXPORT.equals(source.mode());
    }

    private BlobInfo put(String key, Path file) throws IOException {
        try (InputStream content = Files.newInputStream(file)) {
            return blobs.put(BlobKey.of(key), content, PutOptions.defaults().withContentType("application/fhir+ndjson"));
        }
    }

    /** One resource per line, as the server sent it. The crawl calls one method at a time. */
    private record NdjsonSink(Writer patients, Writer observations) implements ResourceSink {
        @Override
        public void patient(String json) {
            line(patients, json);
        }

        @Override
        public void observation(String json) {
            line(observations, json);
        }

        private static void line(Writer writer, String json) {
            try {
                writer.write(json);
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Counts in the run's log, never URLs: they name a postal code or a patient. */
    private static final class ProgressLog implements CrawlListener {
        private final StepContext context;
        private final boolean bulkExport;
        private final AtomicLong polls = new AtomicLong();
        private final AtomicLong pages = new AtomicLong();
        private final AtomicLong patients = new AtomicLong();
        private final AtomicLong observations = new AtomicLong();

        ProgressLog(StepContext context, boolean bulkExport) {
            this.context = context;
            this.bulkExport = bulkExport;
        }

        @Override
        public void pageFetched(ResourceKind kind, URI url, int resources) {
            (kind == ResourceKind.PATIENT ? patients : observations).addAndGet(resources);
            long count = pages.incrementAndGet();
            if (count % LOG_EVERY_PAGES == 1) {
                context.log("page " + count + ": " + patients.get() + " patients and " + observations.get()
                        + " observations so far");
            }
        }

        @Override
        public void retrying(URI url, int attempt, String reason, Duration delay) {
            String request = bulkExport ? "bulk export request"
                    : (url.getPath().contains("Observation") ? "Observation" : "Patient") + " search";
            context.log("retrying a " + request + " (attempt " + attempt + ", " + reason + "), waiting "
                    + delay.toMillis() + " ms");
        }

        @Override
        public void exportPending(URI statusUrl, String progress, Duration nextPoll) {
            // The server's progress text is free text: only the count of polls is logged.
            long count = polls.incrementAndGet();
            if (count % LOG_EVERY_PAGES == 1) {
                context.log("bulk export still running after " + count + (count == 1 ? " poll" : " polls")
                        + ", asking again in " + nextPoll.toMillis() + " ms");
            }
        }

        @Override
        public void exportFileRead(ResourceKind kind, URI url, long resources) {
            long count = pages.incrementAndGet();
            context.log("file " + count + ": " + resources + " " + kind.fhirType() + " resources read");
        }

        @Override
        public void exportWarning(URI statusUrl, String diagnostics) {
            // Diagnostics are the server's free text and may name a patient: they are not logged.
            context.log("the bulk export reported a warning");
        }
    }
}
