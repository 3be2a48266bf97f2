package org.haven.pipelines;

import java.time.Instant;

/** One stored version of a tenant's pipeline, with the YAML it was applied from. */
public record PipelineVersion(String tenantId, String name, int version, PipelineDefinition definition, String yaml,
                              String appliedBy, Instant appliedAt, boolean enabled) {}
