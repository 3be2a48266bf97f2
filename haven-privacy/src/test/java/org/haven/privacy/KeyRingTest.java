package org.haven.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.TinkProtoKeysetFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {

    private static final byte[] DATA = "9434765919".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AD = "field".getBytes(StandardCharsets.UTF_8);
    private final KeyScope scope = KeyScope.project("t1", "p1");

    @Test
    void keysetsAreCreatedOnFirstUseAndFoundAgainByAnotherRingWithTheSameMasterKey(@TempDir Path dir)
            throws Exception {
        KeysetRepository repository = KeysetRepositories.inMemory();
        MasterKey master = MasterKey.fromFileOrGenerate(dir.resolve("master.key"));
        byte[] token = new KeyRing(repository, master).forScope(scope).tokeniser().compute(DATA, 24);

        KeyRing second = new KeyRing(repository, MasterKey.fromFile(dir.resolve("master.key")));
        assertThat(second.forScope(scope).tokeniser().compute(DATA, 24)).isEqualTo(token);
        assertThat(repository.listByTenant("t1")).singleElement()
                .satisfies(stored -> assertThat(stored.purpose()).isEqualTo(KeyPurpose.TOKENISE));
        assertThat(Files.getPosixFilePermissions(dir.resolve("master.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void anotherMasterKeyCannotUnwrapAndTheErrorNamesTheKeysetNotTheKey() {
        KeysetRepository repository = KeysetRepositories.inMemory();
        new KeyRing(repository, MasterKey.ephemeral()).forScope(scope).encrypter();

        KeyRing wrongMaster = new KeyRing(repository, MasterKey.ephemeral());
        assertThatThrownBy(() -> wrongMaster.forScope(scope).encrypter())
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("could not unwrap the ENCRYPT keyset")
                .hasMessageContaining("p1");
    }

    @Test
    void aKeysetRowCopiedToAnotherScopeDoesNotUnwrap() {
        KeysetRepository repository = KeysetRepositories.inMemory();
        MasterKey master = MasterKey.ephemeral();
        new KeyRing(repository, master).forScope(scope).pseudonymiser();
        StoredKeyset original = repository.find(scope, KeyPurpose.PSEUDONYMISE).orElseThrow();
        KeyScope other = KeyScope.project("t1", "p2");
        repository.insert(new StoredKeyset(other, KeyPurpose.PSEUDONYMISE, original.keysetId(), 1,
                original.wrappedKeyset(), original.masterKeyId(), original.createdAt(), original.updatedAt()));

        assertThatThrownBy(() -> new KeyRing(repository, master).forScope(other).pseudonymiser())
                .isInstanceOf(KeyException.class);
    }

    @Test
    void rotationAddsAPrimaryKeyAndOldCiphertextsStillDecrypt() throws Exception {
        KeysetRepository repository = KeysetRepositories.inMemory();
        MasterKey master = MasterKey.ephemeral();
        KeyRing ring = new KeyRing(repository, master);
        Aead before = ring.forScope(scope).encrypter();
        byte[] oldCiphertext = before.encrypt(DATA, AD);
        KeysetInfo first = ring.forScope(scope).info(KeyPurpose.ENCRYPT);

        KeysetInfo rotated = ring.rotate(scope, KeyPurpose.ENCRYPT);

        assertThat(rotated.version()).isEqualTo(2);
        assertThat(rotated.keysetId()).isEqualTo(first.keysetId());
        assertThat(rotated.keyIds()).hasSize(2).contains(first.primaryKeyId());
        assertThat(rotated.primaryKeyId()).isNotEqualTo(first.primaryKeyId());
        Aead after = new KeyRing(repository, master).forScope(scope).encrypter();
        assertThat(after.decrypt(oldCiphertext, AD)).isEqualTo(DATA);
        byte[] newCiphertext = after.encrypt(DATA, AD);
        // Tink's output prefix: version byte, then the 4-byte id of the key that encrypted.
        assertThat(java.nio.ByteBuffer.wrap(newCiphertext, 1, 4).getInt())
                .isEqualTo((int) rotated.primaryKeyId());
        assertThat(java.nio.ByteBuffer.wrap(oldCiphertext, 1, 4).getInt()).isEqualTo((int) first.primaryKeyId());
        assertThat(repository.find(scope, KeyPurpose.ENCRYPT).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void tokenisationAndPseudonymisationKeysDoNotRotate() {
        KeyRing ring = new KeyRing(KeysetRepositories.inMemory(), MasterKey.ephemeral());
        assertThatThrownBy(() -> ring.rotate(scope, KeyPurpose.TOKENISE))
                .isInstanceOf(KeyException.class).hasMessageContaining("do not rotate");
        assertThatThrownBy(() -> ring.rotate(scope, KeyPurpose.PSEUDONYMISE))
                .isInstanceOf(KeyException.class).hasMessageContaining("do not rotate");
    }

    @Test
    void keyMaterialNeverAppearsInToStringOrErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("master.key");
        MasterKey master = MasterKey.fromFileOrGenerate(file);
        String encodedMaster = Files.readString(file).strip();
        KeysetRepository repository = KeysetRepositories.inMemory();
        KeyRing ring = new KeyRing(repository, master);
        ScopedKeys keys = ring.forScope(scope);
        keys.tokeniser();
        keys.encrypter();
        StoredKeyset stored = repository.find(scope, KeyPurpose.TOKENISE).orElseThrow();
        String wrapped = Base64.getEncoder().encodeToString(stored.wrappedKeyset());

        StringBuilder printed = new StringBuilder();
        printed.append(master).append(ring).append(keys).append(stored).append(keys.info(KeyPurpose.ENCRYPT));
        try {
            new KeyRing(repository, MasterKey.ephemeral()).forScope(scope).tokeniser();
        } catch (KeyException e) {
            printed.append(e.getMessage()).append(e.getCause());
        }
        try {
            Files.writeString(dir.resolve("bad.key"), encodedMaster.substring(0, encodedMaster.length() - 8) + "AAAA");
            MasterKey.fromFile(dir.resolve("bad.key"));
        } catch (KeyException e) {
            printed.append(e.getMessage()).append(e.getCause());
        }

        byte[] masterBytes = Base64.getDecoder().decode(encodedMaster);
        String masterSecret = Base64.getEncoder().encodeToString(
                TinkProtoKeysetFormat.parseKeyset(masterBytes, InsecureSecretKeyAccess.get()).getPrimary().getKey()
                        .toString().getBytes(StandardCharsets.UTF_8));
        assertThat(printed.toString())
                .doesNotContain(encodedMaster)
                .doesNotContain(encodedMaster.substring(20, 40))
                .doesNotContain(wrapped.substring(10, 40))
                .doesNotContain(masterSecret.substring(0, 20))
                .contains("not shown");
    }

    @Test
    void environmentVariableThatIsMissingIsAClearError() {
        assertThatThrownBy(() -> MasterKey.fromEnvironment("HAVEN_TEST_NO_SUCH_MASTER_KEY"))
                .isInstanceOf(KeyException.class)
                .hasMessage("environment variable HAVEN_TEST_NO_SUCH_MASTER_KEY holds no master key");
    }

    @Test
    void aFileThatIsNotAKeysetIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("junk.key"), Base64.getEncoder().encodeToString("hello".getBytes()));
        assertThatThrownBy(() -> MasterKey.fromFile(dir.resolve("junk.key")))
                .isInstanceOf(KeyException.class).hasMessageContaining("is not a Tink AEAD keyset");
        Files.writeString(dir.resolve("text.key"), "not base64 !!");
        assertThatThrownBy(() -> MasterKey.fromFile(dir.resolve("text.key")))
                .isInstanceOf(KeyException.class).hasMessageContaining("is not base64");
    }

    @Test
    void differentScopesGetDifferentKeysets() throws Exception {
        KeyRing ring = new KeyRing(KeysetRepositories.inMemory(), MasterKey.ephemeral());
        byte[] a = ring.forScope(KeyScope.project("t1", "a")).tokeniser().compute(DATA, 24);
        byte[] b = ring.forScope(KeyScope.project("t1", "b")).tokeniser().compute(DATA, 24);
        byte[] c = ring.forScope(KeyScope.project("t2", "a")).tokeniser().compute(DATA, 24);
        assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void aRotationBuildsOnTheStoredKeysetEvenWhenThisProcessCachedAnOlderOne() throws Exception {
        KeysetRepository repository = KeysetRepositories.inMemory();
        MasterKey master = MasterKey.ephemeral();
        KeyRing stale = new KeyRing(repository, master);
        stale.forScope(scope).encrypter();
        KeyRing other = new KeyRing(repository, master);
        KeysetInfo second = other.rotate(scope, KeyPurpose.ENCRYPT);
        byte[] ciphertext = other.forScope(scope).encrypter().encrypt(DATA, AD);

        KeysetInfo third = stale.rotate(scope, KeyPurpose.ENCRYPT);

        assertThat(third.version()).isEqualTo(3);
        assertThat(third.keyIds()).hasSize(3).containsAll(second.keyIds());
        assertThat(new KeyRing(repository, master).forScope(scope).encrypter().decrypt(ciphertext, AD))
                .isEqualTo(DATA);
    }

    @Test
    void concurrentFirstUsesConvergeOnOneKeyset() throws Exception {
        KeysetRepository repository = KeysetRepositories.inMemory();
        MasterKey master = MasterKey.ephemeral();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Callable<String>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> Base64.getEncoder().encodeToString(
                        new KeyRing(repository, master).forScope(scope).tokeniser().compute(DATA, 24)));
            }
            java.util.Set<String> tokens = new java.util.HashSet<>();
            for (java.util.concurrent.Future<String> result : pool.invokeAll(calls)) {
                tokens.add(result.get());
            }
            assertThat(tokens).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(repository.listByTenant("t1")).hasSize(1);
    }

    /** A stand-in for a cloud KMS: Tink's KmsClient is the edge; this one holds an AEAD for one URI in memory. */
    private static final class InMemoryKms implements com.google.crypto.tink.KmsClient {
        private final Aead aead;

        InMemoryKms() throws Exception {
            aead = com.google.crypto.tink.KeysetHandle.generateNew(
                    com.google.crypto.tink.aead.PredefinedAeadParameters.AES256_GCM)
                    .getPrimitive(com.google.crypto.tink.RegistryConfiguration.get(), Aead.class);
        }

        @Override
        public boolean doesSupport(String keyUri) {
            return keyUri.startsWith("test-kms://");
        }

        @Override
        public com.google.crypto.tink.KmsClient withCredentials(String credentialPath) {
            return this;
        }

        @Override
        public com.google.crypto.tink.KmsClient withDefaultCredentials() {
            return this;
        }

        @Override
        public Aead getAead(String keyUri) {
            return aead;
        }
    }

    @Test
    void aKmsMasterKeyWrapsKeysetsAndUnsupportedUrisAreRefused() throws Exception {
        InMemoryKms kms = new InMemoryKms();
        MasterKey master = MasterKey.fromKms(kms, "test-kms://keys/haven");
        assertThat(master.isLocal()).isFalse();
        assertThat(master.id()).isEqualTo("kms:test-kms://keys/haven");
        KeysetRepository repository = KeysetRepositories.inMemory();
        byte[] token = new KeyRing(repository, master).forScope(scope).tokeniser().compute(DATA, 24);
        assertThat(new KeyRing(repository, MasterKey.fromKms(kms, "test-kms://keys/haven")).forScope(scope)
                .tokeniser().compute(DATA, 24)).isEqualTo(token);
        assertThat(repository.find(scope, KeyPurpose.TOKENISE).orElseThrow().masterKeyId())
                .isEqualTo("kms:test-kms://keys/haven");
        assertThatThrownBy(() -> MasterKey.fromKms(kms, "aws-kms://arn:aws:kms:eu-west-2:1:key/x"))
                .isInstanceOf(KeyException.class).hasMessageContaining("does not support");
    }
}
