package org.haven.privacy;

import java.util.List;

/**
 * What lineage may say about a keyset: its name, version and Tink key ids. Never any key material.
 *
 * @param keysetId a stable id for the keyset of one (tenant, scope, purpose)
 * @param version 1 when created, increased by every rotation
 * @param primaryKeyId the Tink key id that new outputs are made with
 * @param keyIds every Tink key id in the keyset, oldest first
 */
public record KeysetInfo(KeyScope scope, KeyPurpose purpose, String keysetId, int version, long primaryKeyId,
        List<Long> keyIds) {

    public KeysetInfo {
        keyIds = List.copyOf(keyIds);
    }

    /** A short reference for lineage, for example {@code 7d0c…:v2}. */
    public String reference() {
        return keysetId + ":v" + version;
    }
}
