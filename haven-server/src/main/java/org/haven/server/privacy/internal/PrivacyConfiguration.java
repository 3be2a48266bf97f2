package org.haven.server.privacy.internal;

import org.haven.privacy.KeyRing;
import org.haven.privacy.KeysetRepositories;
import org.haven.privacy.MasterKey;
import org.haven.privacy.PrivacySchemaMigrations;
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

    /**
     * Keysets are created on first use per tenant, scope and purpose, and kept wrapped; the master key never leaves
     * this process. In development a missing key file is generated (and the production guard refuses that).
     */
    @Bean
    KeyRing keyRing(MigratedDatabase database, HavenSettings settings) {
        PrivacySchemaMigrations.apply(database.dataSource());
        MasterKey masterKey;
        if (settings.privacy().generated()) {
            masterKey = MasterKey.fromFileOrGenerate(settings.masterKeyFile());
            log.info("Keysets are wrapped by the development master key in {}; set HAVEN_MASTER_KEY_FILE for a key"
                    + " kept apart from the data", settings.masterKeyFile().toAbsolutePath());
        } else {
            masterKey = MasterKey.fromFile(settings.masterKeyFile());
        }
        return new KeyRing(KeysetRepositories.jdbc(database.dataSource()), masterKey);
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
