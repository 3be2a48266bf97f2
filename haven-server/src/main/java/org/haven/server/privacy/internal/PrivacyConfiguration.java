package org.haven.server.privacy.internal;

import java.time.Clock;
import java.util.Optional;
import org.haven.privacy.KeyException;
import org.haven.privacy.KeyRing;
import org.haven.privacy.KeysetRepositories;
import org.haven.privacy.MasterKey;
import org.haven.privacy.PrivacySchemaMigrations;
import org.haven.privacy.RewrapReport;
import org.haven.privacy.SdcSettings;
import org.haven.server.config.HavenSettings;
import org.haven.server.database.MigratedDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PrivacyConfiguration.class);

    /** Only asked for keys when the master key (or the previous one) is an {@code aws-kms://} URI. */
    @Bean(destroyMethod = "close")
    AwsKmsClient awsKmsClient(HavenSettings settings) {
        return AwsKmsClient.withDefaultCredentialChain(settings.privacy().kmsEndpoint());
    }

    /**
     * Keysets are created on first use per tenant, scope and purpose, and kept wrapped; a local master key never
     * leaves this process, a KMS key never leaves the KMS. In development a missing key file is generated (and the
     * production guard refuses that). The master key is tried here, so one that cannot work stops the start (a KMS
     * that cannot be reached is given {@link MasterKeyCheck#PATIENCE} first).
     */
    @Bean
    KeyRing keyRing(MigratedDatabase database, HavenSettings settings, AwsKmsClient kms) {
        PrivacySchemaMigrations.apply(database.dataSource());
        MasterKey masterKey = MasterKeys.current(settings, kms);
        MasterKeyCheck.verify(masterKey, MasterKeyCheck.PATIENCE);
        if (settings.privacy().generated()) {
            log.info("Keysets are wrapped by the development master key {}, generated in the data directory; set"
                    + " HAVEN_MASTER_KEY_URI (a KMS key) or HAVEN_MASTER_KEY_FILE for a key kept apart from the data",
                    masterKey.id());
        } else {
            log.info("Keysets are wrapped by master key {}", masterKey.id());
        }
        Optional<MasterKey> previous = MasterKeys.previous(settings, kms);
        // With a previous key, keysets that servers still on it write during a rolling restart are opened (and
        // wrapped anew) as they are used; the sweep at start moves the rest.
        KeyRing keyRing = new KeyRing(KeysetRepositories.jdbc(database.dataSource()), masterKey,
                previous.orElse(null), Clock.systemUTC());
        previous.ifPresent(key -> rewrap(keyRing, masterKey, key));
        return keyRing;
    }

    /**
     * Moves every keyset the previous master key wrapped to the current one. Keysets neither key opens stop the
     * start: serving with them would fail every request that needs them, and the operator may have named the wrong
     * key.
     */
    private static void rewrap(KeyRing keyRing, MasterKey current, MasterKey previous) {
        RewrapReport report = keyRing.rewrapFrom(previous);
        if (!report.complete()) {
            int shown = Math.min(report.unreadable().size(), 20);
            StringBuilder message = new StringBuilder().append(report.unreadable().size())
                    .append(" stored keyset(s) open with neither the master key ").append(current.id())
                    .append(" nor the previous master key ").append(previous.id()).append(':');
            report.unreadable().subList(0, shown).forEach(line -> message.append(System.lineSeparator())
                    .append("  - ").append(line));
            if (shown < report.unreadable().size()) {
                message.append(System.lineSeparator()).append("  - and ").append(report.unreadable().size() - shown)
                        .append(" more");
            }
            throw new KeyException(message.toString());
        }
        log.info("Rewrapped {} keyset(s) from the previous master key {} to {} ({} already wrapped by it); unset"
                + " HAVEN_PREVIOUS_MASTER_KEY_FILE or _URI once every server runs with the new key",
                report.rewrapped(), previous.id(), current.id(), report.current());
    }

    /**
     * The server's disclosure control rule: the floor for every tenant, which may only tighten it for its own data
     * (one rule per dataset, whoever asks, so reads of the same data cannot be played off against each other).
     */
    @Bean
    SdcSettings sdcSettings(HavenSettings settings) {
        return new SdcSettings(settings.privacy().sdcThreshold(), settings.privacy().sdcRoundingBase());
    }
}
