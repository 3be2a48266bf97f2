package org.haven.storage.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

/**
 * Copies an object inside the bucket without the data passing through Haven, replacing its
 * metadata. S3 copies at most 5 GiB in one request, so larger objects (or any past the configured
 * threshold) are copied part by part. Every request is conditional on the source's ETag, so a copy
 * never mixes two versions of the source.
 */
final class ServerSideCopy {

    private final Bucket bucket;
    private final long multipartThreshold;
    private final long partSize;

    ServerSideCopy(Bucket bucket, long multipartThreshold, long partSize) {
        this.bucket = bucket;
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
    }

    void copy(
            String sourceKey,
            String sourceETag,
            long size,
            String targetKey,
            Map<String, String> metadata,
            String contentType) {
        if (size <= multipartThreshold) {
            try {
                bucket.client()
                        .copyObject(
                                b ->
                                        b.sourceBucket(bucket.name())
                                                .sourceKey(sourceKey)
                                                .copySourceIfMatch(sourceETag)
                                                .destinationBucket(bucket.name())
                                                .destinationKey(targetKey)
                                                .metadataDirective(MetadataDirective.REPLACE)
                                                .metadata(metadata)
                                                .contentType(contentType));
            } catch (SdkException e) {
                throw bucket.failures().of("copying " + sourceKey + " to " + targetKey, e);
            }
        } else {
            copyInParts(sourceKey, sourceETag, size, targetKey, metadata, contentType);
        }
    }

    private void copyInParts(
            String sourceKey,
            String sourceETag,
            long size,
            String targetKey,
            Map<String, String> metadata,
            String contentType) {
        String uploadId = bucket.startMultipartUpload(targetKey, metadata, contentType, "multipart copy");
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long first = 0; first < size; first += partSize) {
                int partNumber = parts.size() + 1;
                String range = "bytes=%d-%d".formatted(first, Math.min(first + partSize, size) - 1);
                String eTag =
                        bucket.client()
                                .uploadPartCopy(
                                        b ->
                                                b.sourceBucket(bucket.name())
                                                        .sourceKey(sourceKey)
                                                        .copySourceIfMatch(sourceETag)
                                                        .copySourceRange(range)
                                                        .destinationBucket(bucket.name())
                                                        .destinationKey(targetKey)
                                                        .uploadId(uploadId)
                                                        .partNumber(partNumber))
                                .copyPartResult()
                                .eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
            }
            bucket.completeMultipartUpload(targetKey, uploadId, parts);
        } catch (SdkException e) {
            bucket.abortQuietly(targetKey, uploadId);
            throw bucket.failures().of("multipart copy of " + sourceKey + " to " + targetKey, e);
        } catch (RuntimeException | Error e) {
            bucket.abortQuietly(targetKey, uploadId);
            throw e;
        }
    }
}
