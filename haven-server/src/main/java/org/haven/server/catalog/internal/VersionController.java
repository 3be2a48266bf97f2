package org.haven.server.catalog.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Published versions of a dataset, listed and described for anyone who may view the dataset (their records are read
 * through the query module, shaped by result type), and the records a run quarantined, which hold raw values and so
 * take {@code read_identifiable}.
 */
@RestController
class VersionController {

    private final CatalogService catalog;
    private final DatasetVersions versions;
    private final VersionStorage storage;
    private final AuditTrail audit;

    VersionController(CatalogService catalog, DatasetVersions versions, VersionStorage storage, AuditTrail audit) {
        this.catalog = catalog;
        this.versions = versions;
        this.storage = storage;
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

    /**
     * The records a pipeline run quarantined for this dataset, as NDJSON (record number, line, errors, raw values), so
     * that a data provider can fix and resend them. They hold raw values, so they take {@code read_identifiable}.
     */
    @GetMapping("/api/v1/datasets/{datasetId}/rejects/{runId}")
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "read_identifiable")
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
}
