package org.haven.storage.s3;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The client and bucket every S3 operation works on, with the failure translation that goes with
 * them.
 */
record Bucket(S3Client client, String name, S3Failures failures) {

    /** Aborts a multipart upload after a failure; the original failure is the one to report. */
    void abortQuietly(String key, String uploadId) {
        try {
            client.abortMultipartUpload(b -> b.bucket(name).key(key).uploadId(uploadId));
        } catch (SdkException ignored) {
            // A bucket lifecycle rule for incomplete uploads is the backstop when even the abort
            // fails.
        }
    }

    void deleteQuietly(String key) {
        try {
            client.deleteObject(b -> b.bucket(name).key(key));
        } catch (SdkException ignored) {
            // Only staging objects are deleted this way; they are invisible to listings and safe to
            // leave.
        }
    }
}
