package org.haven.server.pipeline.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.haven.datasets.DuckDbSession;
import org.haven.datasets.DuckDbSettings;
import org.haven.datasets.VersionRecords;
import org.haven.pipelines.StepContext;
import org.haven.pipelines.StepFailure;
import org.haven.pipelines.StepResult;
import org.haven.pipelines.StepType;
import org.haven.server.catalog.CatalogService;
import org.haven.storage.BlobContent;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobStore;
import org.springframework.stereotype.Component;

/**
 * {@code fhir_serve}: loads the records a {@code fhir_records} step staged into the FHIR serving table of their
 * resource ({@code fhir_patients}, {@code fhir_observations}), keyed by the run's source, through
 * {@link ServingTableLoader}: the serving rows the records' stager made alongside them, streamed as they are, or
 * (for records staged without them) rows made here from the records' Parquet. Publishing is separate and unaffected: the dataset keeps each crawl as a version, the
 * serving table keeps the latest copy of every resource ever crawled from the source.
 *
 * <p>Params: {@code resource}: {@code patient} or {@code observation}; the step needs the matching
 * {@code fhir_records} step.
 */
@Component
class FhirServeStep implements StepType {

    private final CatalogService catalog;
    private final BlobStore blobs;
    private final DuckDbSettings duckDb;
    private final StepScratch scratch;
    private final ServingTableLoader loader;

    FhirServeStep(CatalogService catalog, BlobStore blobs, DuckDbSettings duckDb, StepScratch scratch,
            ServingTableLoader loader) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.duckDb = duckDb;
        this.scratch = scratch;
        this.loader = loader;
    }

    @Override
    public String name() {
        return "fhir_serve";
    }

    @Override
    public List<String> validate(Map<String, Object> params) {
        List<String> problems = new ArrayList<>(StepParams.unknownKeys(params, Set.of("resource")));
        if (FhirDataset.named(params.get("resource")).isEmpty()) {
            problems.add("'resource' must be patient or observation");
        }
        return problems;
    }

    @Override
    public StepResult execute(StepContext context) throws Exception {
        FhirDataset kind = FhirDataset.named(context.params().get("resource")).orElseThrow();
        ServingTable table = kind.servingTable();
        Map<String, Object> staged = stagedRecords(context, kind.dataset());
        UUID tenant = StepParams.tenant(context);
        UUID source = StepParams.requiredInput(context, "source_id");

        ServingTableLoader.LoadCounts counts = staged.get("serving_rows") instanceof Map<?, ?> rows
                ? loadStagedRows(table, tenant, source, rows)
                : loadRecords(context, table, tenant, source, staged);
        context.log(table.table() + ": " + counts.inserted() + " inserted, " + counts.updated() + " updated, "
                + counts.unchanged() + " unchanged");
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("table", table.table());
        output.put("inserted", counts.inserted());
        output.put("updated", counts.updated());
        output.put("unchanged", counts.unchanged());
        return StepResult.of(output);
    }

    /** The rows the records' stager made, streamed as they are, provided they are the object it staged. */
    private ServingTableLoader.LoadCounts loadStagedRows(ServingTable table, UUID tenant, UUID source, Map<?, ?> rows)
            throws IOException {
        if (!table.table().equals(rows.get("table"))) {
            throw StepFailure.permanent("the staged serving rows are for " + rows.get("table") + ", not " + table.table());
        }
        try (BlobContent content = blobs.get(BlobKey.of(rows.get("key").toString()));
                InputStream staged = content.stream()) {
            if (!content.info().sha256().equals(rows.get("sha256"))) {
                throw StepFailure.permanent("the staged serving rows of " + table.table() + " changed after staging");
            }
            return loader.load(table, tenant, source, ServingTableLoader.CopyRows.staged(staged));
        } catch (SQLException e) {
            throw failure(table, e);
        }
    }

    /** Rows made from the Parquet of records staged without serving rows. */
    private ServingTableLoader.LoadCounts loadRecords(StepContext context, ServingTable table, UUID tenant,
            UUID source, Map<String, Object> staged) throws IOException {
        Path work = scratch.create(context);
        try (DuckDbSession session = DuckDbSession.inMemory(duckDb.withTempDirectory(work.resolve("duckdb")))) {
            List<Path> files = StagedFiles.download(blobs, staged, work.resolve("input"));
            if (files.isEmpty()) {
                return new ServingTableLoader.LoadCounts(0, 0, 0);
            }
            try (VersionRecords records = VersionRecords.open(session, table.schema(), files)) {
                return loader.load(table, tenant, source, ServingTableLoader.CopyRows.of(table, records));
            } catch (SQLException e) {
                throw failure(table, e);
            }
        } finally {
            scratch.delete(work);
        }
    }

    /**
     * The output of the earlier step that staged this tenant's dataset of the resource. An ingest stages both
     * datasets and every earlier step's output is visible, so the dataset, not the position, picks it.
     */
    private Map<String, Object> stagedRecords(StepContext context, String resource) {
        for (Map<String, Object> output : context.upstreamOutputs().values()) {
            if (output.containsKey("files") && output.get("dataset_id") instanceof String datasetId
                    && Upstream.datasetOfTenant(catalog, context, UUID.fromString(datasetId)).name().equals(resource)) {
                return output;
            }
        }
        throw StepFailure.permanent("step '" + context.stepId() + "' needs the fhir_records step that stages "
                + resource + " records; list it under needs");
    }

    /**
     * Only the SQLSTATE goes in the message: PostgreSQL's text for a refused COPY row quotes the row, and the run's
     * log and error are no place for a patient's name. A value the table refuses (class 22, 23) fails the same way
     * every time; anything else (a lost connection, a deadlock) may pass on the next attempt.
     */
    private static StepFailure failure(ServingTable table, SQLException e) {
        String state = e.getSQLState() == null ? "unknown" : e.getSQLState();
        String message = "loading " + table.table() + " failed (SQLSTATE " + state + ")";
        return state.startsWith("22") || state.startsWith("23") ? StepFailure.permanent(message)
                : StepFailure.retryable(message);
    }
}
