package org.haven.server.catalog.internal;

import java.util.UUID;
import org.haven.server.catalog.CatalogService;
import org.haven.server.catalog.Dataset;
import org.haven.server.catalog.DatasetSchema;
import org.springframework.stereotype.Service;

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
}
