package org.haven.server.catalog.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.haven.datasets.DatasetException;
import org.haven.datasets.DatasetManifest;
import org.haven.datasets.DuckDbSession;
import org.haven.datasets.DuckDbSettings;
import org.haven.datasets.ExportFormat;
import org.haven.datasets.ExportedFile;
import org.haven.datasets.VersionExport;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.catalog.CatalogService;
import org.haven.server.catalog.DatasetVersion;
import org.haven.server.catalog.DatasetVersions;
import org.haven.server.catalog.VersionStorage;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.Actors;
import org.haven.server.web.RequiresPermission;
import org.haven.storage.BlobContent;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Published versions of a dataset: listed and described for anyone who may view the dataset, downloaded only with
 * {@code read_data}, every download audited with its format and columns. A download is exported from a local copy of
 * the version (fetched once and checked against its manifest) into a temporary file, so its length is known before
 * the first byte is sent. The records a run quarantined are downloaded here too, with {@code read_data}.
 */
@RestController
class VersionController {

    private final CatalogService catalog;
    private final DatasetVersions versions;
    private final VersionStorage storage;
    private final DuckDbSettings duckDb;
    private final AuditTrail audit;

    VersionController(CatalogService catalog, DatasetVersions versions, VersionStorage storage, DuckDbSettings duckDb,
            AuditTrail audit) {
        this.catalog = catalog;
        this.versions = versions;
        this.storage = storage;
        this.duckDb = duckDb;
        this.audit = audit;
    }

    @GetMapping("/api/v1/datasets/{datasetId}/versions")
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "view")
    List<DatasetVersion> list(@PathVariable UUID datasetId) {
        return versions.list(datasetId);
    }

    @GetMapping("/api/v1/datasets/{datasetId}/versions/{version}")
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "view")
    DatasetVersion get(@PathVariable UUID datasetId, @PathVariable int version) {
        return versions.get(datasetId, version);
    }

    /** {@code format}: csv (default), ndjson or parquet; {@code columns}: a comma-separated subset, in that order. */
    @GetMapping("/api/v1/datasets/{datasetId}/versions/{version}/download")
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "read_data")
    void download(@PathVariable UUID datasetId, @PathVariable int version,
            @RequestParam(defaultValue = "csv") String format, @RequestParam(required = false) String columns,
            HttpServletResponse response) throws IOException {
        ExportFormat exportFormat = parseFormat(format);
        List<String> selected = columns == null || columns.isBlank() ? List.of()
                : Arrays.stream(columns.split(",")).map(String::trim).toList();
        DatasetVersion found = versions.get(datasetId, version);
        Path local = storage.localCopy(found);
        DatasetManifest manifest = DatasetManifest.read(local);
        try (DuckDbSession session = DuckDbSession.inMemory(duckDb);
                ExportedFile file = VersionExport.prepare(session, local, manifest, exportFormat, selected)) {
            audit.record(Actors.current(), "dataset.version.download", new AuditResource("dataset", datasetId.toString()),
                    Decision.SUCCEEDED, null, Map.of("version", Integer.toString(version), "format",
                            exportFormat.name().toLowerCase(Locale.ROOT), "columns",
                            selected.isEmpty() ? "*" : String.join(",", selected), "rows",
                            Long.toString(found.rowCount())));
            response.setContentType(exportFormat.mediaType());
            response.setContentLengthLong(file.bytes());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + datasetId + "-v" + version
                    + exportFormat.fileExtension() + "\"");
            try (OutputStream out = response.getOutputStream()) {
                file.transferTo(out);
            }
        } catch (DatasetException e) {
            if (e.problem() == DatasetException.Problem.UNKNOWN_COLUMN) {
                throw new HavenException(ErrorCode.VALIDATION_FAILED, e.getMessage());
            }
            throw e;
        }
    }

    /**
     * The records a pipeline run quarantined for this dataset, as NDJSON (record number, line, errors, raw values), so
     * that a data provider can fix and resend them. They hold raw values, so they take {@code read_data}.
     */
    @GetMapping("/api/v1/datasets/{datasetId}/rejects/{runId}")
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "read_data")
    void rejects(@PathVariable UUID datasetId, @PathVariable UUID runId, HttpServletResponse response)
            throws IOException {
        UUID tenantId = catalog.dataset(datasetId).tenantId();
        try (BlobContent content = storage.openRejects(tenantId, datasetId, runId)
                .orElseThrow(() -> new HavenException(ErrorCode.NOT_FOUND, "The run rejected no records of this dataset"))) {
            audit.record(Actors.current(), "dataset.rejects.download", new AuditResource("dataset", datasetId.toString()),
                    Decision.SUCCEEDED, null, Map.of("run_id", runId.toString(), "bytes", Long.toString(content.length())));
            response.setContentType("application/x-ndjson");
            response.setContentLengthLong(content.length());
            try (OutputStream out = response.getOutputStream()) {
                content.stream().transferTo(out);
            }
        }
    }

    private static ExportFormat parseFormat(String format) {
        try {
            return ExportFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, "format must be csv, ndjson or parquet");
        }
    }
}
