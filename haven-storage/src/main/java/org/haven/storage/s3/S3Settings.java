package org.haven.storage.s3;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the S3 blob store connects.
 *
 * @param endpoint an S3-compatible endpoint (MinIO, Ceph, a test server); empty for AWS itself
 * @param region the signing region; S3-compatible servers usually accept any, e.g. {@code
 *     us-east-1}
 * @param accessKeyId with {@code secretAccessKey}, static credentials; both empty to use the AWS
 *     default chain
 * @param pathStyle address the bucket in the path ({@code host/bucket/key}), as most S3-compatible
 *     servers need
 * @param partSize bytes per multipart upload part and the size of the one buffer a put holds; at
 *     least 5 MiB
 * @param multipartCopyThreshold objects larger than this are copied part by part; at most 5 GiB,
 *     S3's single-copy limit
 * @param copyPartSize bytes per part of a multipart copy
 */
public record S3Settings(
        Optional<URI> endpoint,
        String region,
        String bucket,
        Optional<String> accessKeyId,
        Optional<String> secretAccessKey,
        boolean pathStyle,
        int partSize,
        long multipartCopyThreshold,
        long copyPartSize) {

    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

    /** One buffer of this size is held per concurrent put, so keep it far below the heap. */
    public static final int MAX_PART_SIZE = 512 * 1024 * 1024;

    public static final long MAX_SINGLE_COPY_SIZE = 5L * 1024 * 1024 * 1024;
    public static final long DEFAULT_COPY_PART_SIZE = 256L * 1024 * 1024;

    public S3Settings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        require(region != null && !region.isBlank(), "a region is required");
        require(bucket != null && !bucket.isBlank(), "a bucket is required");
        require(
                accessKeyId.isPresent() == secretAccessKey.isPresent(),
                "give both an access key id and a secret access key, or neither");
        require(
                partSize >= MIN_PART_SIZE && partSize <= MAX_PART_SIZE,
                "part size must be between %d and %d bytes"
                        .formatted(MIN_PART_SIZE, MAX_PART_SIZE));
        require(
                multipartCopyThreshold >= 0 && multipartCopyThreshold <= MAX_SINGLE_COPY_SIZE,
                "multipart copy threshold must be between 0 and %d bytes"
                        .formatted(MAX_SINGLE_COPY_SIZE));
        require(
                copyPartSize >= MIN_PART_SIZE && copyPartSize <= MAX_SINGLE_COPY_SIZE,
                "copy part size must be between %d and %d bytes"
                        .formatted(MIN_PART_SIZE, MAX_SINGLE_COPY_SIZE));
    }

    /** Settings for AWS S3 itself with the default credential chain and default sizes. */
    public static S3Settings forBucket(String bucket, String region) {
        return new S3Settings(
                Optional.empty(),
                region,
                bucket,
                Optional.empty(),
                Optional.empty(),
                false,
                DEFAULT_PART_SIZE,
                MAX_SINGLE_COPY_SIZE,
                DEFAULT_COPY_PART_SIZE);
    }

    public S3Settings withEndpoint(URI uri) {
        return new S3Settings(
                Optional.of(uri),
                region,
                bucket,
                accessKeyId,
                secretAccessKey,
                pathStyle,
                partSize,
                multipartCopyThreshold,
                copyPartSize);
    }

    public S3Settings withCredentials(String keyId, String secret) {
        return new S3Settings(
                endpoint,
                region,
                bucket,
                Optional.of(keyId),
                Optional.of(secret),
                pathStyle,
                partSize,
                multipartCopyThreshold,
                copyPartSize);
    }

    public S3Settings withPathStyle(boolean enabled) {
        return new S3Settings(
                endpoint,
                region,
                bucket,
                accessKeyId,
                secretAccessKey,
                enabled,
                partSize,
                multipartCopyThreshold,
                copyPartSize);
    }

    public S3Settings withPartSize(int bytes) {
        return new S3Settings(
                endpoint,
                region,
                bucket,
                accessKeyId,
                secretAccessKey,
                pathStyle,
                bytes,
                multipartCopyThreshold,
                copyPartSize);
    }

    public S3Settings withMultipartCopy(long thresholdBytes, long partBytes) {
        return new S3Settings(
                endpoint,
                region,
                bucket,
                accessKeyId,
                secretAccessKey,
                pathStyle,
                partSize,
                thresholdBytes,
                partBytes);
    }

    /** Never prints the secret, so settings can be logged. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=%s, region=%s, bucket=%s, accessKeyId=%s, secretAccessKey=%s, pathStyle=%s, partSize=%d, multipartCopyThreshold=%d, copyPartSize=%d]"
                .formatted(
                        endpoint.map(URI::toString).orElse("(AWS)"),
                        region,
                        bucket,
                        accessKeyId.orElse("(default chain)"),
                        secretAccessKey.isPresent() ? "****" : "(default chain)",
                        pathStyle,
                        partSize,
                        multipartCopyThreshold,
                        copyPartSize);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("invalid S3 settings: " + message);
        }
    }
}
