package org.haven.server.query.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
import org.haven.privacy.KeyRing;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.catalog.DatasetVersion;
import org.haven.server.catalog.DatasetVersions;
import org.haven.server.catalog.VersionStorage;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.Actors;
import org.haven.server.identity.CurrentPrincipal;
import org.haven.server.sharing.ReadGrant;
import org.haven.server.sharing.ReadGrants;
import org.haven.server.sharing.ResultType;
import org.haven.server.web.RequiresPermission;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Downloads of a version's records, as much as the caller's result type allows: the stored values for an
 * identifiable read, a copy de-identified for the caller's project for a pseudonymised one; callers granted only
 * aggregates are refused (they need {@code read_pseudonymised}). Every download is audited with its result type,
 * format, columns and, for a pseudonymised one, the grant, policy hash and keyset ids. The export is written to a
 * temporary file first, so its length is known before the first byte is sent.
 */
@RestController
class DownloadController {

    private final DatasetVersions versions;
    private final VersionStorage storage;
    private final DuckDbSettings duckDb;
    private final ReadGrants reads;
    private final KeyRing keys;
    private final AuditTrail audit;

    DownloadController(DatasetVersions versions, VersionStorage storage, DuckDbSettings duckDb, ReadGrants reads,
            KeyRing keys, AuditTrail audit) {
        this.versions = versions;
        this.storage = storage;
        this.duckDb = duckDb;
        this.reads = reads;
        this.keys = keys;
        this.audit = audit;
    }

    /**
     * {@code format}: csv (default), ndjson or parquet; {@code columns}: a comma-separated subset, in that order, of
     * the columns the caller's view has; {@code project}: read as that project's grant allows.
     */
    @GetMapping("/api/v1/datasets/{datasetId}/versions/{version}/download")
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "read_pseudonymised",
            contextFrom = "version")
    void download(@PathVariable UUID datasetId, @PathVariable int version,
            @RequestParam(defaultValue = "csv") String format, @RequestParam(required = false) String columns,
            @RequestParam(required = false) UUID project, HttpServletResponse response) throws IOException {
        ExportFormat exportFormat = parseFormat(format);
        List<String> selected = columns == null || columns.isBlank() ? List.of()
                : Arrays.stream(columns.split(",")).map(String::trim).toList();
        DatasetVersion found = versions.get(datasetId, version);
        ReadGrant view = reads.of(CurrentPrincipal.require().subject(), datasetId, version, project);
        Path local = storage.localCopy(found);
        DatasetManifest stored = DatasetManifest.read(local);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("version", Integer.toString(version));
        details.put("result_type", view.resultType().name());
        if (view.grant() != null) {
            details.put("grant_id", view.grant().id().toString());
            details.put("project_id", view.grant().projectId().toString());
        }
        try (DuckDbSession session = DuckDbSession.inMemory(duckDb)) {
            if (view.resultType() == ResultType.PSEUDONYMISED) {
                try (PseudonymisedRendition rendition = PseudonymisedRendition.of(session, local, stored,
                        found.tenantId(), view.grant(), keys)) {
                    details.put("policy_hash", rendition.policyHash());
                    details.put("keysets", String.join(",", rendition.keysetIds()));
                    send(session, rendition.directory(), rendition.manifest(), exportFormat, selected, found, details,
                            response);
                }
            } else {
                send(session, local, stored, exportFormat, selected, found, details, response);
            }
        } catch (DatasetException e) {
            if (e.problem() == DatasetException.Problem.UNKNOWN_COLUMN) {
                throw new HavenException(ErrorCode.VALIDATION_FAILED, e.getMessage());
            }
            throw e;
        }
    }

    private void send(DuckDbSession session, Path directory, DatasetManifest manifest, ExportFormat format,
            List<String> selected, DatasetVersion found, Map<String, String> details, HttpServletResponse response)
            throws IOException {
        try (ExportedFile file = VersionExport.prepare(session, directory, manifest, format, selected)) {
            details.put("format", format.name().toLowerCase(Locale.ROOT));
            details.put("columns", selected.isEmpty() ? "*" : String.join(",", selected));
            details.put("rows", Long.toString(found.rowCount()));
            audit.record(Actors.current(), "dataset.version.download",
                    new AuditResource("dataset", found.datasetId().toString()), Decision.SUCCEEDED, null, details);
            response.setContentType(format.mediaType());
            response.setContentLengthLong(file.bytes());
            response.setHeader("Haven-Result-Type", details.get("result_type"));
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + found.datasetId() + "-v"
                    + found.version() + format.fileExtension() + "\"");
            try (OutputStream out = response.getOutputStream()) {
                file.transferTo(out);
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
