package org.haven.storage.s3;

import org.haven.storage.BlobStoreException;
import org.haven.storage.BlobStoreException.Reason;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns SDK exceptions into the module's error. Messages name the bucket, the action, S3's error
 * code and the HTTP status; they never include request headers, so never a credential.
 */
final class S3Failures {

    private final String bucket;

    S3Failures(String bucket) {
        this.bucket = bucket;
    }

    BlobStoreException of(String action, SdkException e) {
        if (e instanceof S3Exception s3) {
            int status = s3.statusCode();
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            String detail =
                    "S3 %s failed: %s (HTTP %d)"
                            .formatted(action, code == null ? "no error code" : code, status);
            if ("NoSuchBucket".equals(code)) {
                return new BlobStoreException(
                        Reason.UNAVAILABLE,
                        "S3 bucket '%s' does not exist: %s".formatted(bucket, detail),
                        e);
            }
            return switch (status) {
                case 404 -> new BlobStoreException(Reason.NOT_FOUND, detail, e);
                case 412 -> new BlobStoreException(Reason.CONFLICT, detail, e);
                case 416 -> new BlobStoreException(Reason.INVALID_RANGE, detail, e);
                case 401, 403 ->
                        new BlobStoreException(
                                Reason.UNAVAILABLE,
                                "access to S3 bucket '%s' was refused: %s"
                                        .formatted(bucket, detail),
                                e);
                default ->
                        new BlobStoreException(
                                status >= 500 ? Reason.UNAVAILABLE : Reason.IO, detail, e);
            };
        }
        if (e instanceof SdkClientException) {
            return new BlobStoreException(
                    Reason.UNAVAILABLE,
                    "S3 %s failed: cannot reach the endpoint".formatted(action),
                    e);
        }
        return new BlobStoreException(Reason.IO, "S3 %s failed".formatted(action), e);
    }
}
