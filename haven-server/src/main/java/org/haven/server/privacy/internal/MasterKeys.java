package org.haven.server.privacy.internal;

import java.util.Optional;

import com.google.crypto.tink.KmsClient;

import org.haven.privacy.MasterKey;
import org.haven.server.config.HavenSettings;

/** The master keys the settings name: the current one and, while moving to it, the previous one. */
final class MasterKeys {

    private MasterKeys() {
    }

    /** The KMS key, the key file, or (development) the file generated in the data directory. */
    static MasterKey current(HavenSettings settings, KmsClient kms) {
        HavenSettings.Privacy privacy = settings.privacy();
        if (privacy.kms()) {
            return MasterKey.fromKms(kms, privacy.masterKeyUri().strip());
        }
        if (privacy.generated()) {
            return MasterKey.fromFileOrGenerate(settings.masterKeyFile());
        }
        return MasterKey.fromFile(settings.masterKeyFile());
    }

    static Optional<MasterKey> previous(HavenSettings settings, KmsClient kms) {
        HavenSettings.Privacy privacy = settings.privacy();
        if (!privacy.hasPreviousMasterKey()) {
            return Optional.empty();
        }
        String uri = privacy.previousMasterKeyUri();
        return Optional.of(uri != null && !uri.isBlank() ? MasterKey.fromKms(kms, uri.strip())
                : MasterKey.fromFile(privacy.previousMasterKeyFile()));
    }
}
