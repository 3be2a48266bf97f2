package org.haven.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

/** What every {@link KeysetRepository} does; one subclass per implementation. */
abstract class KeysetRepositoryContract {

    protected abstract KeysetRepository repository();

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z").truncatedTo(ChronoUnit.MICROS);

    private static StoredKeyset keyset(KeyScope scope, KeyPurpose purpose, String id, int version, byte b) {
        return new StoredKeyset(scope, purpose, id, version, new byte[] {b, 2, 3}, "file:/m#1", NOW, NOW);
    }

    @Test
    void insertThenFind() {
        KeysetRepository repository = repository();
        KeyScope scope = KeyScope.tenant("t1");
        assertThat(repository.find(scope, KeyPurpose.TOKENISE)).isEmpty();
        assertThat(repository.insert(keyset(scope, KeyPurpose.TOKENISE, "k1", 1, (byte) 1))).isTrue();
        assertThat(repository.find(scope, KeyPurpose.TOKENISE)).contains(keyset(scope, KeyPurpose.TOKENISE, "k1", 1,
                (byte) 1));
        assertThat(repository.find(scope, KeyPurpose.ENCRYPT)).isEmpty();
        assertThat(repository.find(KeyScope.tenant("t2"), KeyPurpose.TOKENISE)).isEmpty();
    }

    @Test
    void aSecondInsertForTheSameScopeAndPurposeLosesAndChangesNothing() {
        KeysetRepository repository = repository();
        KeyScope scope = KeyScope.project("t1", "p");
        assertThat(repository.insert(keyset(scope, KeyPurpose.ENCRYPT, "k1", 1, (byte) 1))).isTrue();
        assertThat(repository.insert(keyset(scope, KeyPurpose.ENCRYPT, "k2", 1, (byte) 9))).isFalse();
        assertThat(repository.find(scope, KeyPurpose.ENCRYPT).orElseThrow().keysetId()).isEqualTo("k1");
    }

    @Test
    void replaceOnlyFromTheExpectedVersion() {
        KeysetRepository repository = repository();
        KeyScope scope = KeyScope.tenant("t1");
        repository.insert(keyset(scope, KeyPurpose.ENCRYPT, "k1", 1, (byte) 1));
        assertThat(repository.replace(keyset(scope, KeyPurpose.ENCRYPT, "k1", 3, (byte) 7), 2)).isFalse();
        assertThat(repository.replace(keyset(scope, KeyPurpose.ENCRYPT, "k1", 2, (byte) 5), 1)).isTrue();
        assertThat(repository.find(scope, KeyPurpose.ENCRYPT).orElseThrow())
                .isEqualTo(keyset(scope, KeyPurpose.ENCRYPT, "k1", 2, (byte) 5));
        assertThat(repository.replace(keyset(KeyScope.tenant("t9"), KeyPurpose.ENCRYPT, "k1", 2, (byte) 5), 1))
                .isFalse();
    }

    @Test
    void listByTenantSeesOnlyThatTenant() {
        KeysetRepository repository = repository();
        repository.insert(keyset(KeyScope.tenant("t1"), KeyPurpose.ENCRYPT, "a", 1, (byte) 1));
        repository.insert(keyset(KeyScope.project("t1", "p"), KeyPurpose.TOKENISE, "b", 1, (byte) 1));
        repository.insert(keyset(KeyScope.tenant("t2"), KeyPurpose.ENCRYPT, "c", 1, (byte) 1));
        assertThat(repository.listByTenant("t1")).extracting(StoredKeyset::keysetId).containsExactlyInAnyOrder("a",
                "b");
    }

    @Test
    void listAllSeesEveryTenant() {
        KeysetRepository repository = repository();
        repository.insert(keyset(KeyScope.tenant("t1"), KeyPurpose.ENCRYPT, "a", 1, (byte) 1));
        repository.insert(keyset(KeyScope.project("t1", "p"), KeyPurpose.TOKENISE, "b", 1, (byte) 1));
        repository.insert(keyset(KeyScope.tenant("t2"), KeyPurpose.ENCRYPT, "c", 1, (byte) 1));
        assertThat(repository.listAll()).extracting(StoredKeyset::keysetId).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void aKeyRingOverTheRepositoryRotatesAndReloads() throws Exception {
        KeysetRepository repository = repository();
        MasterKey master = MasterKey.ephemeral();
        KeyScope scope = KeyScope.tenant("t1");
        byte[] ciphertext = new KeyRing(repository, master).forScope(scope).encrypter().encrypt(new byte[] {1}, null);
        new KeyRing(repository, master).rotate(scope, KeyPurpose.ENCRYPT);
        KeyRing fresh = new KeyRing(repository, master);
        assertThat(fresh.describe(scope, KeyPurpose.ENCRYPT).orElseThrow().version()).isEqualTo(2);
        assertThat(fresh.forScope(scope).encrypter().decrypt(ciphertext, null)).containsExactly(1);
    }
}
