package org.haven.server.pipeline.internal;

import java.util.UUID;
import org.haven.pipelines.RunWorkspaces;
import org.haven.storage.BlobPage;
import org.haven.storage.BlobStore;
import org.haven.storage.BlobSummary;
import org.springframework.stereotype.Component;

/** Run workspaces in the blob store: everything under the run's prefix goes when the engine says it may. */
@Component
class BlobRunWorkspaces implements RunWorkspaces {

    private static final int PAGE = 500;

    private final BlobStore blobs;

    BlobRunWorkspaces(BlobStore blobs) {
        this.blobs = blobs;
    }

    @Override
    public void delete(String tenantId, UUID runId, String prefix) {
        // Deleting while listing would shift the pages, so each round lists from the start until nothing is left.
        BlobPage page;
        do {
            page = blobs.list(prefix, null, PAGE);
            for (BlobSummary blob : page.items()) {
                blobs.delete(blob.key());
            }
        } while (!page.items().isEmpty());
    }
}
