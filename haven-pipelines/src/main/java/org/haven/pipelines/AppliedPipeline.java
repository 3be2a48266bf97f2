package org.haven.pipelines;

/** The outcome of applying a definition: {@code created} is false when it equals the latest version. */
public record AppliedPipeline(String tenantId, String name, int version, boolean created) {}
