package org.haven.server.catalog.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.schema.Schema;
import org.haven.schema.SchemaChange;
import org.haven.schema.SchemaCompatibility;
import org.haven.server.audit.AuditActor;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.catalog.DatasetSchema;
import org.haven.server.catalog.SchemaCheck;
import org.haven.server.catalog.SchemaVersion;
import org.haven.server.catalog.SchemaVersionAdded;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.Actors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schema versions: each new one is compared with the latest; additive changes make version n+1, breaking ones
 * need {@code allowBreaking}, and a schema with no change at all is the latest version again (nothing is written).
 * Versions are never changed or removed; the database refuses it too.
 */
@Service
class SchemaVersionService {

    /** A new version, or the latest one when the schema was identical to it. */
    record Added(SchemaVersion version, boolean created) {}

    private static final int AUDIT_DETAIL_LENGTH = 900;

    private final JdbcCatalogRepository repository;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    SchemaVersionService(JdbcCatalogRepository repository, AuditTrail audit, ApplicationEventPublisher events) {
        this.repository = repository;
        this.audit = audit;
        this.events = events;
    }

    @Transactional
    Added add(UUID datasetId, Schema schema, boolean allowBreaking) {
        return add(datasetId, schema, allowBreaking, DatasetService.creator(), Actors.current());
    }

    /** {@link #add} on behalf of {@code creator}, audited as {@code actor}: for a pipeline writing a derived dataset. */
    @Transactional
    Added add(UUID datasetId, Schema schema, boolean allowBreaking, String creator, AuditActor actor) {
        UUID tenantId = repository.lockDataset(datasetId).orElseThrow(SchemaVersionService::noSuchDataset);
        DatasetSchema latest = latest(datasetId);
        SchemaCheck check = SchemaCheck.of(latest.version(), SchemaCompatibility.compare(latest.schema(), schema));
        if (check.identical()) {
            return new Added(version(datasetId, latest.version()), false);
        }
        if (check.breaking() && !allowBreaking) {
            throw breakingChanges(check);
        }
        int number = latest.version() + 1;
        SchemaVersion added = repository.insertVersion(tenantId, datasetId, number, schema, check.breaking(),
                check.changes(), creator);
        audit.record(actor, "dataset.schema.add", DatasetService.resource(datasetId), Decision.SUCCEEDED,
                check.breaking() ? "breaking changes allowed by the caller" : null, Map.of(
                        "version", Integer.toString(number),
                        "breaking", Boolean.toString(check.breaking()),
                        "changes", summary(check.changes())));
        events.publishEvent(new SchemaVersionAdded(tenantId, datasetId, number, check.breaking()));
        return new Added(added, true);
    }

    /** What adding the schema would do, without adding it. */
    SchemaCheck check(UUID datasetId, Schema schema) {
        DatasetSchema latest = latest(datasetId);
        return SchemaCheck.of(latest.version(), SchemaCompatibility.compare(latest.schema(), schema));
    }

    List<SchemaVersion> versions(UUID datasetId) {
        List<SchemaVersion> versions = repository.versions(datasetId);
        if (versions.isEmpty()) {
            throw noSuchDataset();
        }
        return versions;
    }

    SchemaVersion version(UUID datasetId, int version) {
        return repository.version(datasetId, version).orElseThrow(SchemaVersionService::noSuchVersion);
    }

    DatasetSchema schema(UUID datasetId, int version) {
        return repository.schema(datasetId, version).orElseThrow(SchemaVersionService::noSuchVersion);
    }

    DatasetSchema latest(UUID datasetId) {
        int latest = repository.dataset(datasetId).orElseThrow(SchemaVersionService::noSuchDataset).latestSchemaVersion();
        return schema(datasetId, latest);
    }

    private static HavenException breakingChanges(SchemaCheck check) {
        List<SchemaChange> breaking = check.changes().stream().filter(SchemaChange::isBreaking).toList();
        return new HavenException(ErrorCode.BREAKING_SCHEMA_CHANGE,
                breaking.size() + " breaking change(s) from version " + check.latestVersion()
                        + "; send allow_breaking: true to add the version anyway",
                Map.of("latest_version", check.latestVersion(), "changes", SchemaChanges.toMaps(check.changes())),
                null);
    }

    /** Field and kind of each change, cut to fit an audit detail; the version row keeps them all. */
    private static String summary(List<SchemaChange> changes) {
        String summary = String.join(", ", changes.stream().map(change -> change.fieldName() + ":" + change.kind()).toList());
        return summary.length() <= AUDIT_DETAIL_LENGTH ? summary : summary.substring(0, AUDIT_DETAIL_LENGTH - 3) + "...";
    }

    private static HavenException noSuchDataset() {
        return new HavenException(ErrorCode.NOT_FOUND, "No such dataset");
    }

    private static HavenException noSuchVersion() {
        return new HavenException(ErrorCode.NOT_FOUND, "No such schema version");
    }
}
