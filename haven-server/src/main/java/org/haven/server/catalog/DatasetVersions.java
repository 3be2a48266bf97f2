package org.haven.server.catalog;

import java.util.List;
import java.util.UUID;

/**
 * Published versions of datasets, as other modules use them (the pipeline's publish step). No authorization here:
 * callers have checked the permission their own operation needs.
 */
public interface DatasetVersions {

    /**
     * Publishes the next version of a dataset for a pipeline run, or returns the version that run already published:
     * a publish step repeated after a crash finds its version instead of adding a second one. Versions of one
     * dataset are numbered in commit order without gaps.
     */
    DatasetVersion publish(UUID datasetId, PublishedBy publisher, VersionContent content);

    List<DatasetVersion> list(UUID datasetId);

    /** @throws org.haven.server.errors.HavenException NOT_FOUND for an unknown version */
    DatasetVersion get(UUID datasetId, int version);

    /** Who published: the run, its pipeline and the subject that started it. */
    record PublishedBy(UUID runId, String pipelineName, int pipelineVersion, String subject) {}
}
