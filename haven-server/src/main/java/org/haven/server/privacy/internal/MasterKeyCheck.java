package org.haven.server.privacy.internal;

import java.time.Duration;

import org.haven.privacy.KeyException;
import org.haven.privacy.MasterKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * The start's check that the master key works. A KMS that cannot be reached, or answers with a server error, is
 * asked again with growing pauses for a while: after an outage, servers often come up before the network or the KMS
 * does. A refusal (no such key, access denied, a key that gives back something else) stops the start at once.
 */
final class MasterKeyCheck {

    /** How long a start waits for an unavailable KMS before it gives up. */
    static final Duration PATIENCE = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(MasterKeyCheck.class);

    private MasterKeyCheck() {
    }

    /**
     * @throws KeyException the key's failure: at once for a refusal, after {@code patience} for an unavailable KMS
     */
    static void verify(MasterKey key, Duration patience) {
        RetryPolicy whileUnavailable = RetryPolicy.builder()
                .predicate(MasterKeyCheck::isUnavailable)
                .maxRetries(Long.MAX_VALUE)
                .delay(Duration.ofMillis(500))
                .multiplier(2)
                .maxDelay(Duration.ofSeconds(15))
                .timeout(patience)
                .build();
        new RetryTemplate(whileUnavailable).invoke(() -> {
            try {
                key.verify();
            } catch (KeyException e) {
                if (isUnavailable(e)) {
                    log.warn("{}; asking again (for up to {} s from the first attempt)", e.getMessage(),
                            patience.toSeconds());
                }
                throw e;
            }
        });
    }

    private static boolean isUnavailable(Throwable failure) {
        return failure instanceof KeyException && failure.getCause() instanceof AwsKmsAead.Unavailable;
    }
}
