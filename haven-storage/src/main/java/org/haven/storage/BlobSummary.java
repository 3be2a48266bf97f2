package org.haven.storage;

import java.time.Instant;
import java.util.Objects;

/** One entry of a listing: what every store can report without opening each object. */
public record BlobSummary(BlobKey key, long size, Instant lastModified) {

    public BlobSummary {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
