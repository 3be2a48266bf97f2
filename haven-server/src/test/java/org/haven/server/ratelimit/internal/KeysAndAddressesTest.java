package org.haven.server.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.haven.server.ratelimit.LimitClass;
import org.haven.server.ratelimit.RateLimitSettings;
import org.haven.server.ratelimit.RateLimiter.Decision;
import org.junit.jupiter.api.Test;

class KeysAndAddressesTest {

    private static final RateLimitSettings.Read READ = new RateLimitSettings.Read(600, Duration.ofMinutes(1));

    @Test
    void keysNameTheClassAndLimitButHashTheSubject() {
        String key = BucketKeys.of(LimitClass.READ, READ, "alice@example.org");

        assertThat(key).startsWith("read:600/60000ms:").doesNotContain("alice").hasSizeLessThanOrEqualTo(128);
        assertThat(BucketKeys.of(LimitClass.READ, READ, "x".repeat(1_000_000))).hasSize(key.length());
        assertThat(BucketKeys.of(LimitClass.READ, new RateLimitSettings.Read(60, Duration.ofMinutes(1)), "alice@example.org"))
                .as("a changed limit starts a new bucket")
                .isNotEqualTo(key);
    }

    @Test
    void ipv6AddressesAreLimitedByTheirSlash64AndIpv4ByThemselves() {
        assertThat(ClientAddresses.subjectOf("2001:db8:1:2::1")).isEqualTo(ClientAddresses.subjectOf("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertThat(ClientAddresses.subjectOf("2001:db8:1:2::1")).isNotEqualTo(ClientAddresses.subjectOf("2001:db8:1:3::1"));
        assertThat(ClientAddresses.subjectOf("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(ClientAddresses.subjectOf("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(ClientAddresses.subjectOf("not-an-address.example")).isEqualTo("not-an-address.example");
        assertThat(ClientAddresses.subjectOf("dead:beef")).isEqualTo("dead:beef");
        assertThat(ClientAddresses.subjectOf(null)).isEqualTo("unknown");
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(new Decision.Refused(1, Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new Decision.Refused(1, Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
        assertThat(new Decision.Refused(1, Duration.ofMillis(2001)).retryAfterSeconds()).isEqualTo(3);
        assertThat(new Decision.Refused(1, Duration.ofSeconds(12)).retryAfterSeconds()).isEqualTo(12);
    }
}
