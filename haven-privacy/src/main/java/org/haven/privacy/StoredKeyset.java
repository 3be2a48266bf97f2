package org.haven.privacy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One keyset as a repository holds it: wrapped (encrypted) by the master key, with the (tenant, scope, purpose) it
 * belongs to bound in as associated data so a row copied under another name does not unwrap.
 *
 * @param version 1 when created; a rotation writes version + 1 only if the stored version is still the one it read
 * @param wrappedKeyset Tink's encrypted keyset format; never printed
 * @param masterKeyId the master key that wrapped it, so a rewrap after a master rotation knows what to do
 */
public record StoredKeyset(KeyScope scope, KeyPurpose purpose, String keysetId, int version, byte[] wrappedKeyset,
        String masterKeyId, Instant createdAt, Instant updatedAt) {

    public StoredKeyset {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(keysetId, "keysetId");
        Objects.requireNonNull(masterKeyId, "masterKeyId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        wrappedKeyset = wrappedKeyset.clone();
    }

    @Override
    public byte[] wrappedKeyset() {
        return wrappedKeyset.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredKeyset that && scope.equals(that.scope) && purpose == that.purpose
                && keysetId.equals(that.keysetId) && version == that.version
                && Arrays.equals(wrappedKeyset, that.wrappedKeyset) && masterKeyId.equals(that.masterKeyId)
                && createdAt.equals(that.createdAt) && updatedAt.equals(that.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scope, purpose, keysetId, version, Arrays.hashCode(wrappedKeyset));
    }

    @Override
    public String toString() {
        return "StoredKeyset[scope=" + scope + ", purpose=" + purpose + ", keysetId=" + keysetId + ", version="
                + version + ", masterKeyId=" + masterKeyId + ", wrappedKeyset=(" + wrappedKeyset.length
                + " bytes, not shown)]";
    }
}
