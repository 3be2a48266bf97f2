package org.haven.server.storage;

import org.haven.storage.BlobStore;
import org.haven.storage.BlobStoreException;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Readiness: the blob store answers a real request (the filesystem root is writable; the bucket exists). */
@Component
class BlobStoreHealthIndicator extends AbstractHealthIndicator {

    private final BlobStore store;

    BlobStoreHealthIndicator(BlobStore store) {
        super("Blob store check failed");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        try {
            store.check();
            builder.up();
        } catch (BlobStoreException e) {
            builder.down().withDetail("reason", e.reason().name());
        }
    }
}
