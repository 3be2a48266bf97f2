package org.haven.server.query.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.datasets.DatasetManifest;
import org.haven.datasets.DuckDbSession;
import org.haven.datasets.DuckDbSettings;
import org.haven.privacy.KAnonymityReport;
import org.haven.schema.Field;
import org.haven.schema.IdentifierType;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.catalog.DatasetVersion;
import org.haven.server.catalog.DatasetVersions;
import org.haven.server.catalog.VersionStorage;
import org.haven.server.errors.FieldErrors;
import org.haven.server.identity.Actors;
import org.haven.server.web.RequiresPermission;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * k-anonymity assessments of a version, for whoever decides what may be released: the dataset's managers and
 * projects granted identifiable data (the assessment reads every record's quasi-identifiers). The answer holds counts,
 * risks and generalisation levels, never values; every assessment is audited.
 */
@RestController
class PrivacyAssessmentController {

    static final int DEFAULT_K = 5;
    static final double DEFAULT_MAX_SUPPRESSION = 0.05;

    private final DatasetVersions versions;
    private final VersionStorage storage;
    private final DuckDbSettings duckDb;
    private final AuditTrail audit;

    PrivacyAssessmentController(DatasetVersions versions, VersionStorage storage, DuckDbSettings duckDb, AuditTrail audit) {
        this.versions = versions;
        this.storage = storage;
        this.duckDb = duckDb;
        this.audit = audit;
    }

    /**
     * @param quasiIdentifiers fields whose combination could single a person out; default the version's INDIRECT fields
     * @param maxSuppression the share of records that may be withheld to reach {@code k}, 0 to 1
     */
    record AssessmentRequest(Integer k, Double maxSuppression, List<String> quasiIdentifiers) {}

    record Assessment(UUID datasetId, int version, List<String> quasiIdentifiers, KAnonymityReport report) {}

    @PostMapping("/api/v1/datasets/{datasetId}/versions/{version}/privacy-assessment")
    @RequiresPermission(resourceType = "dataset", idFrom = "datasetId", permission = "read_identifiable",
            contextFrom = "version")
    Assessment assess(@PathVariable UUID datasetId, @PathVariable int version, @RequestBody(required = false) AssessmentRequest body) {
        AssessmentRequest request = body == null ? new AssessmentRequest(null, null, null) : body;
        DatasetVersion found = versions.get(datasetId, version);
        Path local = storage.localCopy(found);
        DatasetManifest manifest = DatasetManifest.read(local);
        int k = request.k() == null ? DEFAULT_K : request.k();
        double maxSuppression = request.maxSuppression() == null ? DEFAULT_MAX_SUPPRESSION : request.maxSuppression();
        List<Field> quasiIdentifiers = check(manifest, k, maxSuppression, request.quasiIdentifiers());
        KAnonymityReport report;
        try (DuckDbSession session = DuckDbSession.inMemory(duckDb)) {
            report = RiskAssessment.assess(session, local, manifest, quasiIdentifiers, k, maxSuppression);
        }
        List<String> names = quasiIdentifiers.stream().map(Field::name).toList();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("version", Integer.toString(version));
        details.put("quasi_identifiers", String.join(",", names));
        details.put("k", Integer.toString(k));
        details.put("k_before", Long.toString(report.before().k()));
        details.put("achieved", Boolean.toString(report.achieved()));
        audit.record(Actors.current(), "dataset.version.privacy_assessment", new AuditResource("dataset", datasetId.toString()),
                Decision.SUCCEEDED, null, details);
        return new Assessment(datasetId, version, names, report);
    }

    private static List<Field> check(DatasetManifest manifest, int k, double maxSuppression, List<String> named) {
        FieldErrors errors = new FieldErrors();
        if (k < 2 || k > 1000) {
            errors.add("k", "must be from 2 to 1000");
        }
        if (!(maxSuppression >= 0 && maxSuppression <= 1)) {
            errors.add("max_suppression", "must be a share from 0 to 1");
        }
        List<Field> fields = new ArrayList<>();
        if (named == null || named.isEmpty()) {
            manifest.schema().fields().stream().filter(field -> field.identifierType() == IdentifierType.INDIRECT)
                    .forEach(fields::add);
            if (fields.isEmpty()) {
                errors.add("quasi_identifiers", "the version has no INDIRECT fields; name the fields to assess");
            }
        } else if (named.size() > 8) {
            errors.add("quasi_identifiers", "at most 8 fields");
        } else {
            for (int i = 0; i < named.size(); i++) {
                String name = named.get(i) == null ? "" : named.get(i);
                String path = "quasi_identifiers[" + i + "]";
                manifest.schema().field(name).ifPresentOrElse(fields::add,
                        () -> errors.add(path, "the version has no field '" + name + "'"));
            }
        }
        errors.check("assessment");
        return fields;
    }

}
