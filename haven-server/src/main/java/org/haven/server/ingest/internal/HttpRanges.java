package org.haven.server.ingest.internal;

import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.storage.BlobStoreException;
import org.haven.storage.ByteRange;

/**
 * The one form of HTTP {@code Range} served: a single byte range. A header with several ranges, another unit or a
 * malformed value is ignored and the whole content sent, as RFC 9110 allows.
 */
final class HttpRanges {

    private HttpRanges() {}

    static ByteRange parse(String header) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) {
                return last.isEmpty() ? null : ByteRange.lastBytes(Long.parseLong(last));
            }
            long start = Long.parseLong(first);
            if (last.isEmpty()) {
                return ByteRange.from(start);
            }
            long end = Long.parseLong(last);
            return end < start ? null : ByteRange.of(start, end);
        } catch (NumberFormatException e) {
            return null;
        } catch (BlobStoreException e) {
            throw new HavenException(ErrorCode.INVALID_RANGE, "Range not satisfiable: " + header, e);
        }
    }
}
