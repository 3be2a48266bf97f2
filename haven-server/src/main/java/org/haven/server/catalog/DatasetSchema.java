package org.haven.server.catalog;

import java.util.UUID;
import org.haven.schema.Schema;

/** One version of a dataset's schema, as the model that validates records against it. */
public record DatasetSchema(UUID datasetId, int version, Schema schema) {}
