package org.haven.pipelines;

import java.util.UUID;

/**
 * The embedding application's storage for run workspaces. The engine only names the prefix
 * ({@code tenants/{tenant}/workspace/runs/{run}/}) and says when everything under it can go.
 */
@FunctionalInterface
public interface RunWorkspaces {

    /** Deletes every object under {@code prefix}; must succeed when there is nothing there. Throw to try later. */
    void delete(String tenantId, UUID runId, String prefix) throws Exception;

    /** For embeddings whose steps keep nothing outside the database. */
    static RunWorkspaces none() {
        return (tenantId, runId, prefix) -> { };
    }
}
