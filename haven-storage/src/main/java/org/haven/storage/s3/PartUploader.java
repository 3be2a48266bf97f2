package org.haven.storage.s3;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.haven.storage.BlobStoreException;
import org.haven.storage.BlobStoreException.Reason;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams content into a multipart upload one buffer at a time. Any failure, including the final
 * check the caller passes in, aborts the upload, so S3 keeps neither an object nor an incomplete
 * upload.
 */
final class PartUploader {

    /** S3's limit on parts per upload. */
    private static final int MAX_PARTS = 10_000;

    /** Refills the buffer from the content; returns how many bytes it holds, 0 at the end. */
    interface Source {
        int fill(byte[] buffer);
    }

    private final Bucket bucket;

    PartUploader(Bucket bucket) {
        this.bucket = bucket;
    }

    /**
     * Uploads the buffer's first {@code firstLength} bytes and then everything the source still
     * yields, runs {@code beforeComplete} (which may throw to abandon the upload) and completes it.
     *
     * @return the ETag of the completed object
     */
    String upload(
            String key,
            Map<String, String> metadata,
            String contentType,
            byte[] buffer,
            int firstLength,
            Source source,
            Runnable beforeComplete) {
        String uploadId = bucket.startMultipartUpload(key, metadata, contentType, "multipart upload");
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (int length = firstLength; length > 0; length = source.fill(buffer)) {
                if (parts.size() == MAX_PARTS) {
                    throw new BlobStoreException(
                            Reason.TOO_LARGE,
                            "content for %s needs more than %d parts; nothing was stored"
                                    .formatted(key, MAX_PARTS));
                }
                parts.add(uploadPart(key, uploadId, parts.size() + 1, buffer, length));
            }
            beforeComplete.run();
            return bucket.completeMultipartUpload(key, uploadId, parts);
        } catch (SdkException e) {
            bucket.abortQuietly(key, uploadId);
            throw bucket.failures().of("multipart upload to " + key, e);
        } catch (RuntimeException | Error e) {
            bucket.abortQuietly(key, uploadId);
            throw e;
        }
    }

    private CompletedPart uploadPart(
            String key, String uploadId, int partNumber, byte[] buffer, int length) {
        String eTag =
                bucket.client()
                        .uploadPart(
                                b ->
                                        b.bucket(bucket.name())
                                                .key(key)
                                                .uploadId(uploadId)
                                                .partNumber(partNumber)
                                                .contentLength((long) length),
                                RequestBody.fromContentProvider(
                                        () -> new ByteArrayInputStream(buffer, 0, length),
                                        length,
                                        "application/octet-stream"))
                        .eTag();
        return CompletedPart.builder().partNumber(partNumber).eTag(eTag).build();
    }
}
