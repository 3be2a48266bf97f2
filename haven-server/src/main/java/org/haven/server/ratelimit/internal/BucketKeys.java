package org.haven.server.ratelimit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.haven.server.ratelimit.LimitClass;
import org.haven.server.ratelimit.RateLimitSettings.Limit;

/**
 * Names a bucket: {@code <class>:<capacity>/<period>:<hash of the subject>}. The subject (an address, a principal's
 * name) is hashed so that a hostile value cannot make a row large, and so that the table holds no names or
 * addresses in the clear. The limit is part of the key because Bucket4j keeps a bucket's configuration with its
 * state: after a limit changes, new buckets start with it instead of the old one living on.
 */
final class BucketKeys {

    private BucketKeys() {}

    static String of(LimitClass limitClass, Limit limit, String subject) {
        return limitClass.code() + ":" + limit.capacity() + "/" + limit.period().toMillis() + "ms:" + hash(subject);
    }

    private static String hash(String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException notPossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", notPossible);
        }
    }
}
