package org.haven.storage.s3;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The client and bucket every S3 operation works on, with the failure translation that goes with
 * them.
 */
record Bucket(S3Client client, String name, S3Failures failures) {

    /**
     * Starts a multipart upload whose object will carry {@code metadata}; S3 fixes metadata when the upload begins.
     * {@code purpose} names the operation in the error if it cannot start.
     */
    String startMultipartUpload(String key, Map<String, String> metadata, String contentType, String purpose) {
        try {
            return client.createMultipartUpload(
                            b -> b.bucket(name).key(key).metadata(metadata).contentType(contentType))
                    .uploadId();
        } catch (SdkException e) {
            throw failures.of("starting a " + purpose + " to " + key, e);
        }
    }

    /** Makes the object visible, assembled from {@code parts}; returns its ETag. */
    String completeMultipartUpload(String key, String uploadId, List<CompletedPart> parts) {
        return client.completeMultipartUpload(
                        b -> b.bucket(name).key(key).uploadId(uploadId).multipartUpload(u -> u.parts(parts)))
                .eTag();
    }

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
