package org.haven.server.ratelimit;

import java.time.Duration;

/** Takes tokens from the shared buckets. The HTTP filters use it for every API request; other modules may too. */
public interface RateLimiter {

    /**
     * Takes one token from {@code subject}'s bucket of {@code limitClass}. The subject is what the budget belongs
     * to (a client address, a principal's name); it is hashed before it reaches the store, so any string will do.
     */
    Decision tryAcquire(LimitClass limitClass, String subject);

    /** What a request for a token found. */
    sealed interface Decision {

        boolean allowed();

        /** A token was taken; {@code remaining} are left of {@code limit}. */
        record Allowed(long limit, long remaining) implements Decision {
            @Override
            public boolean allowed() {
                return true;
            }
        }

        /** The bucket is empty; a token will be available after {@code retryAfter}. */
        record Refused(long limit, Duration retryAfter) implements Decision {
            @Override
            public boolean allowed() {
                return false;
            }

            /** The wait in whole seconds, rounded up and at least 1, as {@code Retry-After} wants it. */
            public long retryAfterSeconds() {
                long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
                return Math.max(1, seconds);
            }
        }

        /** The store could not be asked, so the request goes through unlimited (availability over limiting). */
        record Unchecked() implements Decision {
            @Override
            public boolean allowed() {
                return true;
            }
        }
    }
}
