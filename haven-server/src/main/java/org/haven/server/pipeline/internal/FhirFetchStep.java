package org.haven.server.pipeline.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.haven.datasets.DuckDbSettings;
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
import org.haven.server.audit.AuditActor;
import org.haven.server.catalog.CatalogService;
import org.haven.server.catalog.DatasetSchema;
import org.haven.server.catalog.VersionStorage;
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
 * server sent it. While the crawl waits on the server, a {@link FhirRecordStager} per dataset flattens the resources
 * already delivered into Parquet records of the tenant's {@code patient} and {@code observation} datasets (created
 * with the library's fixed schemas when missing); the output reports them under {@code patient_records} and
 * {@code observation_records} for the {@code fhir_records} steps to take. Progress goes to the run's log as counts
 * only: the crawl's URLs hold postal codes and patient ids. A crawl that cannot finish stages nothing; a server that
 * is down or throttling is a retryable failure, anything else (refused credentials, a rejected request, a malformed
 * answer) permanent.
 *
 * <p>Inputs: {@code source_id} (a FHIR source of the run's tenant) and {@code postal_code}. No params.
 */
@Component
class FhirFetchStep implements StepType {

    private static final int LOG_EVERY_PAGES = 10;

    private final FhirSourceService sources;
    private final CatalogService catalog;
    private final BlobStore blobs;
    private final DuckDbSettings duckDb;
    private final StepScratch scratch;

    FhirFetchStep(FhirSourceService sources, CatalogService catalog, BlobStore blobs, DuckDbSettings duckDb,
            StepScratch scratch) {
        this.sources = sources;
        this.catalog = catalog;
        this.blobs = blobs;
        this.duckDb = duckDb;
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
        UUID tenant = StepParams.tenant(context);
        String stepPrefix = context.workspacePrefix() + context.stepId() + "/";
        Map<FhirDataset, DatasetSchema> datasets = new EnumMap<>(FhirDataset.class);
        for (FhirDataset kind : FhirDataset.values()) {
            datasets.put(kind, catalog.provide(tenant, kind.dataset(), kind.description(), kind.schema(), false,
                    StepParams.startedBy(context), AuditActor.system("pipeline")));
        }
        Path work = scratch.create(context);
        try (FhirRecordStager patientRecords = new FhirRecordStager(FhirDataset.PATIENT,
                        datasets.get(FhirDataset.PATIENT), duckDb, work.resolve("patient"));
                FhirRecordStager observationRecords = new FhirRecordStager(FhirDataset.OBSERVATION,
                        datasets.get(FhirDataset.OBSERVATION), duckDb, work.resolve("observation"))) {
            Path patients = work.resolve("patients.ndjson");
            Path observations = work.resolve("observations.ndjson");
            CrawlSummary summary;
            try (Writer patientLines = Files.newBufferedWriter(patients, StandardCharsets.UTF_8);
                    Writer observationLines = Files.newBufferedWriter(observations, StandardCharsets.UTF_8)) {
                summary = crawl(context, source, postalCode, new StagingSink(patientLines, observationLines,
                        patientRecords, observationRecords));
            }
            logSummary(context, source, summary);
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
            output.put(FhirDataset.PATIENT.recordsKey(), store(context, stepPrefix, patientRecords,
                    datasets.get(FhirDataset.PATIENT), patientBlob));
            output.put(FhirDataset.OBSERVATION.recordsKey(), store(context, stepPrefix, observationRecords,
                    datasets.get(FhirDataset.OBSERVATION), observationBlob));
            return StepResult.of(output);
        } finally {
            scratch.delete(work);
        }
    }

    private static void logSummary(StepContext context, FhirSource source, CrawlSummary summary) {
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
    }

    /** The records flattened during the crawl, as their {@code fhir_records} step will report them. */
    private Map<String, Object> store(StepContext context, String stepPrefix, FhirRecordStager records,
            DatasetSchema dataset, BlobInfo resources) throws IOException, InterruptedException {
        FhirRecordStager.Staged staged = records.store(blobs, stepPrefix + dataset.datasetId() + "/",
                VersionStorage.rejectsKey(StepParams.tenant(context), dataset.datasetId(), context.runId()),
                Map.of("key", resources.key().toString(), "sha256", resources.sha256()));
        context.log(records.summary());
        return staged.output();
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

    /**
     * Each resource once per line as the server sent it, and to the flattening of its kind. The crawl calls one
     * method at a time.
     */
    private record StagingSink(Writer patients, Writer observations, FhirRecordStager patientRecords,
            FhirRecordStager observationRecords) implements ResourceSink {
        @Override
        public void patient(String json) {
            line(patients, json);
            patientRecords.add(json);
        }

        @Override
        public void observation(String json) {
            line(observations, json);
            observationRecords.add(json);
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
