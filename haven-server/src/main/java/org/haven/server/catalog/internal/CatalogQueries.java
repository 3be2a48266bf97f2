package org.haven.server.catalog.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.haven.schema.Schema;
import org.haven.server.audit.AuditActor;
import org.haven.server.catalog.CatalogService;
import org.haven.server.catalog.Dataset;
import org.haven.server.catalog.DatasetSchema;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalog's public reads, for other modules. */
@Service
class CatalogQueries implements CatalogService {

    private final DatasetService datasets;
    private final SchemaVersionService versions;

    CatalogQueries(DatasetService datasets, SchemaVersionService versions) {
        this.datasets = datasets;
        this.versions = versions;
    }

    @Override
    public Dataset dataset(UUID datasetId) {
        return datasets.get(datasetId);
    }

    @Override
    public DatasetSchema latestSchema(UUID datasetId) {
        return versions.latest(datasetId);
    }

    @Override
    public DatasetSchema schema(UUID datasetId, int version) {
        return versions.schema(datasetId, version);
    }

    @Override
    @Transactional
    public DatasetSchema provide(UUID tenantId, String name, String description, Schema schema, boolean allowBreaking,
            String createdBy, AuditActor actor) {
        new CatalogRules().name(name).description(description).check();
        Optional<Dataset> existing = datasets.named(tenantId, name);
        if (existing.isEmpty()) {
            Dataset created = datasets.create(tenantId, name, description, List.of(), schema, createdBy, actor);
            return versions.latest(created.id());
        }
        UUID datasetId = existing.get().id();
        int version = versions.add(datasetId, schema, allowBreaking, createdBy, actor).version().version();
        return versions.schema(datasetId, version);
    }
}
