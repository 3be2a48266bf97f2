package org.haven.storage.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.haven.storage.BlobContent;
import org.haven.storage.BlobInfo;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobPage;
import org.haven.storage.BlobStore;
import org.haven.storage.BlobStoreException;
import org.haven.storage.BlobStoreException.Reason;
import org.haven.storage.BlobSummary;
import org.haven.storage.ByteRange;
import org.haven.storage.PutOptions;
import org.haven.storage.internal.MeasuringInputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A blob store in one S3 bucket, keys stored verbatim so other tools can read the bucket directly.
 *
 * <p>The SHA-256 lives in the object's user metadata, which S3 fixes when an upload starts. Content
 * that fits one part is hashed before it is sent. Larger content with an expected hash is uploaded
 * straight to its key under that hash and aborted if the content disagrees. Larger content without
 * one is uploaded to a staging key under {@code .haven/staging/} and then copied, inside S3, to its
 * key with the hash it turned out to have; the staging object is deleted. Either way the key never
 * shows an object whose metadata does not match its content.
 */
public final class S3BlobStore implements BlobStore {

    static final String SHA256_METADATA = "sha256";
    static final String STAGING_PREFIX = BlobKey.RESERVED_SEGMENT + "/staging/";

    /**
     * Attempts for operations that read an object's metadata and then act on that exact version.
     */
    private static final int VERSION_ATTEMPTS = 3;

    private final S3Settings settings;
    private final Bucket bucket;
    private final PartUploader uploader;
    private final ServerSideCopy serverSideCopy;

    private S3BlobStore(S3Settings settings, S3Client client) {
        this.settings = settings;
        this.bucket = new Bucket(client, settings.bucket(), new S3Failures(settings.bucket()));
        this.uploader = new PartUploader(bucket);
        this.serverSideCopy =
                new ServerSideCopy(
                        bucket, settings.multipartCopyThreshold(), settings.copyPartSize());
    }

    /**
     * Connects and checks that the bucket exists; fails with {@code UNAVAILABLE} if it does not or
     * is unreachable.
     */
    public static S3BlobStore create(S3Settings settings) {
        S3ClientBuilder builder =
                S3Client.builder()
                        .region(Region.of(settings.region()))
                        .forcePathStyle(settings.pathStyle())
                        // Our own SHA-256 covers integrity; the SDK's default extra checksums trip
                        // up some S3-compatible servers.
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.endpoint().ifPresent(builder::endpointOverride);
        if (settings.accessKeyId().isPresent()) {
            builder.credentialsProvider(
                    StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(
                                    settings.accessKeyId().get(),
                                    settings.secretAccessKey().orElseThrow())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        S3BlobStore store = new S3BlobStore(settings, builder.build());
        try {
            store.check();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public S3Settings settings() {
        return settings;
    }

    @Override
    public BlobInfo put(BlobKey key, InputStream content, PutOptions options) {
        MeasuringInputStream measured = new MeasuringInputStream(content, key, options.maxSize());
        byte[] buffer = new byte[settings.partSize()];
        int first = fill(measured, buffer);
        if (first < buffer.length) {
            MeasuringInputStream.verify(key, measured.sha256(), options);
            putSingle(key, options.contentType(), measured.sha256(), buffer, first);
        } else if (options.expectedSha256().isPresent()) {
            String expected = options.expectedSha256().get();
            uploader.upload(
                    key.value(),
                    Map.of(SHA256_METADATA, expected),
                    options.contentType(),
                    buffer,
                    first,
                    next -> fill(measured, next),
                    () -> MeasuringInputStream.verify(key, measured.sha256(), options));
        } else {
            putThroughStaging(key, options.contentType(), measured, buffer, first);
        }
        return new BlobInfo(
                key, measured.size(), measured.sha256(), options.contentType(), Instant.now());
    }

    @Override
    public BlobContent get(BlobKey key) {
        ResponseInputStream<GetObjectResponse> response =
                call(
                        "reading " + key,
                        () ->
                                bucket.client()
                                        .getObject(b -> b.bucket(bucket.name()).key(key.value())));
        try {
            GetObjectResponse object = response.response();
            BlobInfo info =
                    infoOf(
                            key,
                            object.contentLength(),
                            object.metadata(),
                            object.contentType(),
                            object.lastModified());
            return new BlobContent(info, 0, info.size(), response);
        } catch (RuntimeException e) {
            response.abort();
            throw e;
        }
    }

    @Override
    public BlobContent get(BlobKey key, ByteRange range) {
        for (int attempt = 1; ; attempt++) {
            HeadObjectResponse head = headObject(key).orElseThrow(() -> notFound(key));
            BlobInfo info = infoOf(key, head);
            long offset = range.offsetIn(info.size());
            long length = range.lengthIn(info.size());
            try {
                ResponseInputStream<GetObjectResponse> response =
                        call(
                                "reading " + key,
                                () ->
                                        bucket.client()
                                                .getObject(
                                                        b ->
                                                                b.bucket(bucket.name())
                                                                        .key(key.value())
                                                                        .range(
                                                                                range.httpHeaderIn(
                                                                                        info
                                                                                                .size()))
                                                                        .ifMatch(head.eTag())));
                return new BlobContent(info, offset, length, response);
            } catch (BlobStoreException e) {
                if (e.reason() != Reason.CONFLICT || attempt == VERSION_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Optional<BlobInfo> head(BlobKey key) {
        return headObject(key).map(head -> infoOf(key, head));
    }

    @Override
    public BlobPage list(String prefix, String cursor, int limit) {
        String checkedPrefix = BlobKey.checkPrefix(prefix);
        Optional<BlobKey> after = BlobPage.keyAfter(cursor);
        BlobPage.checkLimit(limit);
        List<BlobSummary> found = new ArrayList<>();
        String continuation = null;
        while (found.size() <= limit) {
            String token = continuation;
            int wanted = limit + 1 - found.size();
            ListObjectsV2Response page =
                    call(
                            "listing",
                            () ->
                                    bucket.client()
                                            .listObjectsV2(
                                                    b -> {
                                                        b.bucket(bucket.name())
                                                                .prefix(checkedPrefix)
                                                                .maxKeys(wanted);
                                                        if (token != null) {
                                                            b.continuationToken(token);
                                                        } else {
                                                            after.ifPresent(
                                                                    key ->
                                                                            b.startAfter(
                                                                                    key.value()));
                                                        }
                                                    }));
            for (S3Object object : page.contents()) {
                // Staging objects and anything written by other tools under names Haven cannot
                // address are not listed.
                if (found.size() <= limit && BlobKey.isValid(object.key())) {
                    found.add(
                            new BlobSummary(
                                    BlobKey.of(object.key()),
                                    object.size(),
                                    object.lastModified()));
                }
            }
            if (!Boolean.TRUE.equals(page.isTruncated())) {
                break;
            }
            continuation = page.nextContinuationToken();
        }
        if (found.size() <= limit) {
            return new BlobPage(found, Optional.empty());
        }
        List<BlobSummary> items = found.subList(0, limit);
        return new BlobPage(items, Optional.of(BlobPage.cursorAfter(items.get(limit - 1).key())));
    }

    @Override
    public boolean delete(BlobKey key) {
        // S3 deletes are idempotent and silent, so whether there was an object has to be asked
        // first.
        boolean existed = headObject(key).isPresent();
        call(
                "deleting " + key,
                () -> bucket.client().deleteObject(b -> b.bucket(bucket.name()).key(key.value())));
        return existed;
    }

    @Override
    public BlobInfo copy(BlobKey source, BlobKey target) {
        for (int attempt = 1; ; attempt++) {
            HeadObjectResponse head = headObject(source).orElseThrow(() -> notFound(source));
            BlobInfo info = infoOf(source, head);
            try {
                serverSideCopy.copy(
                        source.value(),
                        head.eTag(),
                        info.size(),
                        target.value(),
                        Map.of(SHA256_METADATA, info.sha256()),
                        info.contentType());
                return new BlobInfo(
                        target, info.size(), info.sha256(), info.contentType(), Instant.now());
            } catch (BlobStoreException e) {
                if (e.reason() != Reason.CONFLICT || attempt == VERSION_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void check() {
        call(
                "checking bucket " + bucket.name(),
                () -> bucket.client().headBucket(b -> b.bucket(bucket.name())));
    }

    @Override
    public void close() {
        bucket.client().close();
    }

    private void putSingle(
            BlobKey key, String contentType, String sha256, byte[] buffer, int length) {
        call(
                "writing " + key,
                () ->
                        bucket.client()
                                .putObject(
                                        b ->
                                                b.bucket(bucket.name())
                                                        .key(key.value())
                                                        .contentType(contentType)
                                                        .contentLength((long) length)
                                                        .metadata(Map.of(SHA256_METADATA, sha256)),
                                        RequestBody.fromContentProvider(
                                                () -> new ByteArrayInputStream(buffer, 0, length),
                                                length,
                                                contentType)));
    }

    private void putThroughStaging(
            BlobKey key,
            String contentType,
            MeasuringInputStream measured,
            byte[] buffer,
            int first) {
        String staging = STAGING_PREFIX + UUID.randomUUID();
        try {
            String stagingETag =
                    uploader.upload(
                            staging,
                            Map.of(),
                            contentType,
                            buffer,
                            first,
                            next -> fill(measured, next),
                            () -> {});
            serverSideCopy.copy(
                    staging,
                    stagingETag,
                    measured.size(),
                    key.value(),
                    Map.of(SHA256_METADATA, measured.sha256()),
                    contentType);
        } finally {
            bucket.deleteQuietly(staging);
        }
    }

    private Optional<HeadObjectResponse> headObject(BlobKey key) {
        try {
            return Optional.of(
                    call(
                            "reading metadata of " + key,
                            () ->
                                    bucket.client()
                                            .headObject(
                                                    b ->
                                                            b.bucket(bucket.name())
                                                                    .key(key.value()))));
        } catch (BlobStoreException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static BlobInfo infoOf(BlobKey key, HeadObjectResponse head) {
        return infoOf(
                key,
                head.contentLength(),
                head.metadata(),
                head.contentType(),
                head.lastModified());
    }

    private static BlobInfo infoOf(
            BlobKey key,
            long size,
            Map<String, String> metadata,
            String contentType,
            Instant lastModified) {
        String sha256 = metadata.get(SHA256_METADATA);
        if (sha256 == null) {
            throw new BlobStoreException(
                    Reason.IO,
                    "object %s has no SHA-256 metadata; it was not written by a Haven blob store"
                            .formatted(key));
        }
        return new BlobInfo(
                key,
                size,
                sha256,
                contentType == null ? PutOptions.DEFAULT_CONTENT_TYPE : contentType,
                lastModified);
    }

    /**
     * Fills the whole buffer unless the content ends first, so that every part but the last is full
     * size.
     */
    private static int fill(MeasuringInputStream content, byte[] buffer) {
        try {
            return content.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw content.readFailure(e);
        }
    }

    private static BlobStoreException notFound(BlobKey key) {
        return new BlobStoreException(Reason.NOT_FOUND, "no object at " + key);
    }

    private <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw bucket.failures().of(action, e);
        }
    }
}
