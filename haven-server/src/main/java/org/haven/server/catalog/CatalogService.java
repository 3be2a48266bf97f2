package org.haven.server.catalog;

import java.util.UUID;

/**
 * The catalog as other modules use it, for example a pipeline that validates a file against a dataset's schema.
 * No authorization here: callers have checked the permission their own operation needs. Unknown datasets and
 * versions raise a {@code NOT_FOUND} {@link org.haven.server.errors.HavenException}.
 */
public interface CatalogService {

    Dataset dataset(UUID datasetId);

    /** The dataset's newest schema version. */
    DatasetSchema latestSchema(UUID datasetId);

    /** A given schema version of the dataset, numbered from 1. */
    DatasetSchema schema(UUID datasetId, int version);
}
