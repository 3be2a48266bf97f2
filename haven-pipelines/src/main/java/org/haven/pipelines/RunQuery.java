package org.haven.pipelines;

import java.util.Objects;

/**
 * Which runs of a tenant to list, newest first. {@code pipelineName} and {@code status} are optional filters;
 * {@code cursor} is the {@link RunPage#nextCursor()} of the previous page, null for the first.
 */
public record RunQuery(String tenantId, String pipelineName, RunStatus status, String cursor, int limit) {

    public static final int MAX_LIMIT = 500;

    public RunQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new PipelineException(PipelineErrorCode.REQUEST_INVALID, "limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static RunQuery of(String tenantId) {
        return new RunQuery(tenantId, null, null, null, 50);
    }
}
