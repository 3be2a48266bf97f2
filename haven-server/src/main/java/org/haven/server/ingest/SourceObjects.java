package org.haven.server.ingest;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.storage.BlobStoreProblems;
import org.haven.storage.BlobContent;
import org.haven.storage.BlobInfo;
import org.haven.storage.BlobKey;
import org.haven.storage.BlobPage;
import org.haven.storage.BlobStore;
import org.haven.storage.BlobStoreException;
import org.haven.storage.BlobSummary;
import org.haven.storage.ByteRange;
import org.haven.storage.PutOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where a source's bytes live in the blob store, per tenant and source:
 * <pre>
 * tenants/{tenant}/sources/{source}/staging/{uuid}              content being received
 * tenants/{tenant}/sources/{source}/objects/sha256/{hash}        immutable content, shared by equal files
 * tenants/{tenant}/sources/{source}/uploads/{upload}/parts/{n}   parts of a multipart upload
 * </pre>
 * The hash is known only once the last byte has arrived, so content is streamed to a staging key first (the blob
 * store hashes it on the way and never shows a partial object) and copied under its hash afterwards.
 */
@Component
class SourceObjects {

    private static final Logger log = LoggerFactory.getLogger(SourceObjects.class);

    private final BlobStore blobs;

    SourceObjects(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Streams content to a new staging key; over {@code maxBytes} it is cut off and nothing is left behind. */
    BlobInfo stage(UUID tenantId, UUID sourceId, InputStream content, String contentType, long maxBytes) {
        BlobKey key = BlobKey.of(base(tenantId, sourceId) + "/staging/" + UUID.randomUUID());
        return put(key, content, contentType, maxBytes, "A file is at most " + maxBytes + " bytes");
    }

    /** Stores a part of a multipart upload, replacing an earlier copy of the same part. */
    BlobInfo putPart(UUID tenantId, UUID sourceId, UUID uploadId, int number, InputStream content, long maxBytes) {
        return put(part(tenantId, sourceId, uploadId, number), content, PutOptions.DEFAULT_CONTENT_TYPE, maxBytes,
                "This part may be at most " + maxBytes + " bytes");
    }

    /** The object for the staged content's hash, copied there unless an identical object is already stored. */
    BlobKey promote(UUID tenantId, UUID sourceId, BlobInfo staged) {
        BlobKey target = BlobKey.of(base(tenantId, sourceId) + "/objects/sha256/" + staged.sha256());
        try {
            Optional<BlobInfo> existing = blobs.head(target);
            if (existing.isEmpty() || !existing.get().sha256().equals(staged.sha256())) {
                blobs.copy(staged.key(), target);
            }
            return target;
        } catch (BlobStoreException e) {
            throw BlobStoreProblems.toHavenException(e);
        }
    }

    BlobContent open(String objectKey, ByteRange range) {
        try {
            return range == null ? blobs.get(BlobKey.of(objectKey)) : blobs.get(BlobKey.of(objectKey), range);
        } catch (BlobStoreException e) {
            throw BlobStoreProblems.toHavenException(e);
        }
    }

    BlobContent openPart(UUID tenantId, UUID sourceId, UUID uploadId, int number) {
        try {
            return blobs.get(part(tenantId, sourceId, uploadId, number));
        } catch (BlobStoreException e) {
            throw BlobStoreProblems.toHavenException(e);
        }
    }

    void deletePart(UUID tenantId, UUID sourceId, UUID uploadId, int number) {
        discard(part(tenantId, sourceId, uploadId, number));
    }

    /** Removes an object that is no longer wanted; a failure only leaves unreferenced bytes, so it is logged. */
    void discard(BlobKey key) {
        try {
            blobs.delete(key);
        } catch (BlobStoreException e) {
            log.warn("Could not delete {}: {}", key, e.getMessage());
        }
    }

    /** Deletes the source's staging objects written before {@code before}; returns how many. */
    int removeStagedBefore(UUID tenantId, UUID sourceId, Instant before) {
        int removed = 0;
        for (BlobSummary staged : list(base(tenantId, sourceId) + "/staging/")) {
            if (staged.lastModified().isBefore(before)) {
                discard(staged.key());
                removed++;
            }
        }
        return removed;
    }

    /** Deletes the parts of the source's uploads for which {@code gone} holds; returns how many. */
    int removeParts(UUID tenantId, UUID sourceId, Predicate<UUID> gone) {
        String prefix = base(tenantId, sourceId) + "/uploads/";
        Map<UUID, Boolean> verdicts = new HashMap<>();
        int removed = 0;
        for (BlobSummary part : list(prefix)) {
            String rest = part.key().value().substring(prefix.length());
            UUID uploadId;
            try {
                uploadId = UUID.fromString(rest.substring(0, rest.indexOf('/')));
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                continue;
            }
            if (verdicts.computeIfAbsent(uploadId, gone::test)) {
                discard(part.key());
                removed++;
            }
        }
        return removed;
    }

    private List<BlobSummary> list(String prefix) {
        List<BlobSummary> all = new ArrayList<>();
        String cursor = null;
        do {
            BlobPage page = blobs.list(prefix, cursor, 1000);
            all.addAll(page.items());
            cursor = page.nextCursor().orElse(null);
        } while (cursor != null);
        return all;
    }

    private BlobInfo put(BlobKey key, InputStream content, String contentType, long maxBytes, String tooLarge) {
        try {
            return blobs.put(key, content, PutOptions.defaults().withContentType(contentType).withMaxSize(maxBytes));
        } catch (BlobStoreException e) {
            if (e.reason() == BlobStoreException.Reason.TOO_LARGE) {
                throw new HavenException(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge, e);
            }
            throw BlobStoreProblems.toHavenException(e);
        }
    }

    private static BlobKey part(UUID tenantId, UUID sourceId, UUID uploadId, int number) {
        return BlobKey.of(base(tenantId, sourceId) + "/uploads/" + uploadId + "/parts/" + number);
    }

    private static String base(UUID tenantId, UUID sourceId) {
        return "tenants/" + tenantId + "/sources/" + sourceId;
    }
}
