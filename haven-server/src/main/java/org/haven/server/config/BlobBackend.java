package org.haven.server.config;

/** Where blobs live: a directory under the data directory, or an S3-compatible bucket. */
public enum BlobBackend {
    FS,
    S3
}
