package org.haven.server.catalog.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.haven.authz.ObjectRef;
import org.haven.authz.Relationship;
import org.haven.authz.RelationshipUpdate;
import org.haven.authz.SubjectRef;
import org.haven.schema.Schema;
import org.haven.server.audit.AuditActor;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.authz.Authorizer;
import org.haven.server.catalog.Dataset;
import org.haven.server.catalog.SchemaVersionAdded;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.Actors;
import org.haven.server.identity.CurrentPrincipal;
import org.haven.server.tenancy.Cursors;
import org.haven.server.tenancy.Page;
import org.haven.server.tenancy.TenantService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Datasets: created with their first schema version, listed, described and tagged. Callers are authorised. */
@Service
class DatasetService {

    private final JdbcCatalogRepository repository;
    private final Authorizer authorizer;
    private final TenantService tenants;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    DatasetService(JdbcCatalogRepository repository, Authorizer authorizer, TenantService tenants, AuditTrail audit,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.authorizer = authorizer;
        this.tenants = tenants;
        this.audit = audit;
        this.events = events;
    }

    /** The dataset, its schema version 1, the relationship that makes the tenant its owner and the audit event. */
    @Transactional
    Dataset create(UUID tenantId, String name, String description, List<String> tags, Schema schema) {
        return create(tenantId, name, description, tags, schema, creator(), Actors.current());
    }

    /** {@link #create} on behalf of {@code creator}, audited as {@code actor}: for a pipeline writing a derived dataset. */
    @Transactional
    Dataset create(UUID tenantId, String name, String description, List<String> tags, Schema schema, String creator,
            AuditActor actor) {
        tenants.get(tenantId);
        UUID id = UUID.randomUUID();
        List<String> storedTags = CatalogRules.normalised(tags);
        try {
            repository.insertDataset(tenantId, id, name, Objects.requireNonNullElse(description, ""), storedTags, creator);
        } catch (DuplicateKeyException e) {
            throw new HavenException(ErrorCode.CONFLICT, "The tenant already has a dataset named '" + name + "'");
        }
        repository.insertVersion(tenantId, id, 1, schema, false, List.of(), creator);
        authorizer.write(List.of(RelationshipUpdate.create(
                Relationship.of(ref(id), "owner", SubjectRef.object("tenant", tenantId.toString())))));
        audit.record(actor, "dataset.create", resource(id), Decision.SUCCEEDED, null, Map.of(
                "tenant_id", tenantId.toString(), "name", name, "schema_version", "1",
                "fields", Integer.toString(schema.fields().size())));
        events.publishEvent(new SchemaVersionAdded(tenantId, id, 1, false));
        return get(id);
    }

    Optional<Dataset> named(UUID tenantId, String name) {
        return repository.datasetNamed(tenantId, name);
    }

    Dataset get(UUID id) {
        return repository.dataset(id).orElseThrow(() -> new HavenException(ErrorCode.NOT_FOUND, "No such dataset"));
    }

    /** The tenant's datasets among those the caller may view, by name. */
    Page<Dataset> list(UUID tenantId, List<String> visibleIds, List<String> tags, String namePrefix, String cursor,
            int limit) {
        UUID[] ids = visibleIds.stream().map(DatasetService::uuidOrNull).filter(Objects::nonNull).toArray(UUID[]::new);
        if (ids.length == 0) {
            return new Page<>(List.of(), null);
        }
        List<Dataset> rows = repository.datasets(tenantId, ids, CatalogRules.normalised(tags), namePrefix, cursor,
                limit + 1);
        return Cursors.page(rows, limit, Dataset::name);
    }

    /** Changes what is given (null leaves a part as it is); tags given replace the tags held. */
    @Transactional
    Dataset update(UUID id, String description, List<String> tags) {
        get(id);
        List<String> storedTags = tags == null ? null : CatalogRules.normalised(tags);
        repository.updateDataset(id, description, storedTags);
        Map<String, String> details = new LinkedHashMap<>();
        if (description != null) {
            details.put("description_length", Integer.toString(description.length()));
        }
        if (storedTags != null) {
            details.put("tags", String.join(",", storedTags));
        }
        audit.record(Actors.current(), "dataset.update", resource(id), Decision.SUCCEEDED, null, details);
        return get(id);
    }

    /** Whoever is calling, as stored in {@code created_by}: {@code user:<id>} or {@code app:<id>}. */
    static String creator() {
        return CurrentPrincipal.require().subject().toString();
    }

    static AuditResource resource(UUID datasetId) {
        return new AuditResource("dataset", datasetId.toString());
    }

    static ObjectRef ref(UUID datasetId) {
        return ObjectRef.of("dataset", datasetId.toString());
    }

    private static UUID uuidOrNull(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
