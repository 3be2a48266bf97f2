package org.haven.server.catalog;

import java.util.UUID;
import org.haven.schema.Schema;
import org.haven.server.audit.AuditActor;

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

    /**
     * The tenant's dataset named {@code name} with {@code schema} as its latest schema version, for a pipeline that
     * writes a derived dataset (a de-identified copy): created when missing, given a new schema version when its
     * latest differs. Changes are made on behalf of {@code createdBy} (a subject such as {@code user:<id>}) and
     * audited as {@code actor}.
     *
     * @throws org.haven.server.errors.HavenException CONFLICT when the dataset was created meanwhile (try again),
     *     BREAKING_SCHEMA_CHANGE when the change is breaking and {@code allowBreaking} is false
     */
    DatasetSchema provide(UUID tenantId, String name, String description, Schema schema, boolean allowBreaking,
            String createdBy, AuditActor actor);
}
