package org.haven.server.audit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;

/**
 * The position after which the next page of a newest-first listing starts: the sequence of the last event shown,
 * wrapped in base64url so that clients treat it as opaque and the format can change.
 */
final class AuditCursor {

    private static final String PREFIX = "before:";

    private AuditCursor() {}

    static String after(long lastSequenceShown) {
        byte[] text = (PREFIX + lastSequenceShown).getBytes(StandardCharsets.US_ASCII);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text);
    }

    /** The sequence the next page must stay below. */
    static long sequenceBelow(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(PREFIX)) {
                long sequence = Long.parseLong(text.substring(PREFIX.length()));
                if (sequence > 0) {
                    return sequence;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // reported below, like any other cursor this log did not issue
        }
        throw new HavenException(ErrorCode.VALIDATION_FAILED, "cursor is not one this listing issued",
                Map.of("field", "cursor"), null);
    }
}
