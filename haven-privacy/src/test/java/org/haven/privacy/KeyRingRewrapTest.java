package org.haven.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving stored keysets from one master key to another without changing a single key inside them. */
class KeyRingRewrapTest {

    private static final byte[] VALUE = "9434765919".getBytes(StandardCharsets.UTF_8);
    private final KeyScope tenant = KeyScope.tenant("t1");
    private final KeyScope project = KeyScope.project("t2", "p1");

    @Test
    void keysetsOnlyThePreviousKeyOpensAreRewrappedAndKeepTheirKeys(@TempDir Path dir) throws Exception {
        KeysetRepository repository = KeysetRepositories.inMemory();
        MasterKey old = MasterKey.fromFileOrGenerate(dir.resolve("old.key"));
        KeyRing before = new KeyRing(repository, old);
        byte[] token = before.forScope(tenant).tokeniser().compute(VALUE, 24);
        byte[] ciphertext = before.forScope(project).encrypter().encrypt(VALUE, null);
        KeysetInfo encryptBefore = before.describe(project, KeyPurpose.ENCRYPT).orElseThrow();

        MasterKey next = MasterKey.ephemeral();
        KeyRing after = new KeyRing(repository, next);
        assertThat(after.rewrapFrom(old)).isEqualTo(new RewrapReport(0, 2, List.of()));

        assertThat(repository.listAll()).allSatisfy(stored -> {
            assertThat(stored.masterKeyId()).isEqualTo(next.id());
            assertThat(stored.version()).isEqualTo(2);
        });
        assertThat(after.forScope(tenant).tokeniser().compute(VALUE, 24)).isEqualTo(token);
        assertThat(after.forScope(project).encrypter().decrypt(ciphertext, null)).isEqualTo(VALUE);
        KeysetInfo encryptAfter = after.describe(project, KeyPurpose.ENCRYPT).orElseThrow();
        assertThat(encryptAfter.keysetId()).isEqualTo(encryptBefore.keysetId());
        assertThat(encryptAfter.keyIds()).isEqualTo(encryptBefore.keyIds());
        assertThatThrownBy(() -> new KeyRing(repository, old).forScope(tenant).tokeniser())
                .isInstanceOf(KeyException.class);

        // The next start finds nothing left to do.
        assertThat(new KeyRing(repository, next).rewrapFrom(old)).isEqualTo(new RewrapReport(2, 0, List.of()));
    }

    @Test
    void aRingGivenThePreviousKeyOpensWhatAServerStillOnItWritesAndWrapsItAnew() throws Exception {
        KeysetRepository repository = KeysetRepositories.inMemory();
        MasterKey old = MasterKey.ephemeral();
        MasterKey next = MasterKey.ephemeral();
        KeyRing restarted = new KeyRing(repository, next, old, java.time.Clock.systemUTC());
        assertThat(restarted.rewrapFrom(old)).isEqualTo(new RewrapReport(0, 0, List.of()));
        // A server not yet restarted creates keysets under the old key after the sweep at start.
        KeyRing notYetRestarted = new KeyRing(repository, old);
        byte[] token = notYetRestarted.forScope(tenant).tokeniser().compute(VALUE, 24);
        byte[] ciphertext = notYetRestarted.forScope(project).encrypter().encrypt(VALUE, null);

        assertThat(restarted.forScope(tenant).tokeniser().compute(VALUE, 24)).isEqualTo(token);
        assertThat(restarted.forScope(project).encrypter().decrypt(ciphertext, null)).isEqualTo(VALUE);

        assertThat(repository.listAll()).allSatisfy(stored -> {
            assertThat(stored.masterKeyId()).isEqualTo(next.id());
            assertThat(stored.version()).isEqualTo(2);
        });
        KeyRing onlyTheNewKey = new KeyRing(repository, next);
        assertThat(onlyTheNewKey.forScope(tenant).tokeniser().compute(VALUE, 24)).isEqualTo(token);
        assertThat(restarted.rotate(project, KeyPurpose.ENCRYPT).version()).isEqualTo(3);
    }

    @Test
    void withoutThePreviousKeyAKeysetStillOnItIsRefusedNamingBothKeys() {
        KeysetRepository repository = KeysetRepositories.inMemory();
        MasterKey old = MasterKey.ephemeral();
        MasterKey next = MasterKey.ephemeral();
        MasterKey unrelated = MasterKey.ephemeral();
        new KeyRing(repository, old).forScope(tenant).tokeniser();

        assertThatThrownBy(() -> new KeyRing(repository, next).forScope(tenant).tokeniser())
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("with master key " + next.id() + " (it was wrapped by " + old.id() + ")");
        assertThatThrownBy(() -> new KeyRing(repository, next, unrelated, java.time.Clock.systemUTC())
                .forScope(tenant).tokeniser())
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("nor the previous one, " + unrelated.id());
        assertThat(repository.find(tenant, KeyPurpose.TOKENISE).orElseThrow().masterKeyId()).isEqualTo(old.id());
    }

    @Test
    void aRingThatCachedAKeysetBeforeTheRewrapReadsTheNewVersionForItsNextRotation() {
        KeysetRepository repository = KeysetRepositories.inMemory();
        MasterKey old = MasterKey.ephemeral();
        MasterKey next = MasterKey.ephemeral();
        new KeyRing(repository, old).forScope(tenant).encrypter();
        KeyRing ring = new KeyRing(repository, next);
        ring.rewrapFrom(old);
        assertThat(ring.rotate(tenant, KeyPurpose.ENCRYPT).version()).isEqualTo(3);
    }

    @Test
    void keysetsNeitherKeyOpensAreReportedByIdAndLeftAlone() {
        KeysetRepository repository = KeysetRepositories.inMemory();
        MasterKey stranger = MasterKey.ephemeral();
        MasterKey old = MasterKey.ephemeral();
        MasterKey next = MasterKey.ephemeral();
        new KeyRing(repository, stranger).forScope(tenant).pseudonymiser();
        new KeyRing(repository, old).forScope(project).tokeniser();
        StoredKeyset lost = repository.find(tenant, KeyPurpose.PSEUDONYMISE).orElseThrow();

        RewrapReport report = new KeyRing(repository, next).rewrapFrom(old);

        assertThat(report.rewrapped()).isEqualTo(1);
        assertThat(report.complete()).isFalse();
        assertThat(report.unreadable()).singleElement().asString()
                .contains(lost.keysetId(), "PSEUDONYMISE", "t1", stranger.id());
        assertThat(repository.find(tenant, KeyPurpose.PSEUDONYMISE)).contains(lost);
    }

    @Test
    void aKeysetAnotherServerRewrapsMeanwhileIsReadAgainAndNotWrittenTwice() {
        KeysetRepository stored = KeysetRepositories.inMemory();
        MasterKey old = MasterKey.ephemeral();
        MasterKey next = MasterKey.ephemeral();
        new KeyRing(stored, old).forScope(tenant).tokeniser();
        AtomicInteger replaces = new AtomicInteger();
        // The other server wins the compare-and-set between this one's read and its write.
        KeysetRepository racing = new DelegatingRepository(stored) {
            @Override
            public boolean replace(StoredKeyset keyset, int expectedVersion) {
                if (replaces.getAndIncrement() == 0) {
                    new KeyRing(stored, next).rewrapFrom(old);
                }
                return stored.replace(keyset, expectedVersion);
            }
        };

        assertThat(new KeyRing(racing, next).rewrapFrom(old)).isEqualTo(new RewrapReport(1, 0, List.of()));
        assertThat(stored.find(tenant, KeyPurpose.TOKENISE).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void aKeysetAServerOnThePreviousKeyRotatesMeanwhileIsRewrappedInItsNewVersion() {
        KeysetRepository stored = KeysetRepositories.inMemory();
        MasterKey old = MasterKey.ephemeral();
        MasterKey next = MasterKey.ephemeral();
        new KeyRing(stored, old).forScope(tenant).encrypter();
        AtomicInteger replaces = new AtomicInteger();
        KeysetRepository racing = new DelegatingRepository(stored) {
            @Override
            public boolean replace(StoredKeyset keyset, int expectedVersion) {
                if (replaces.getAndIncrement() == 0) {
                    new KeyRing(stored, old).rotate(tenant, KeyPurpose.ENCRYPT);
                }
                return stored.replace(keyset, expectedVersion);
            }
        };

        assertThat(new KeyRing(racing, next).rewrapFrom(old)).isEqualTo(new RewrapReport(0, 1, List.of()));
        StoredKeyset rewrapped = stored.find(tenant, KeyPurpose.ENCRYPT).orElseThrow();
        assertThat(rewrapped.version()).isEqualTo(3);
        assertThat(rewrapped.masterKeyId()).isEqualTo(next.id());
        assertThat(new KeyRing(stored, next).describe(tenant, KeyPurpose.ENCRYPT).orElseThrow().keyIds()).hasSize(2);
    }

    /** A repository that passes every call on, for tests that step in between a read and a write. */
    private static class DelegatingRepository implements KeysetRepository {

        private final KeysetRepository stored;

        DelegatingRepository(KeysetRepository stored) {
            this.stored = stored;
        }

        @Override
        public Optional<StoredKeyset> find(KeyScope scope, KeyPurpose purpose) {
            return stored.find(scope, purpose);
        }

        @Override
        public boolean insert(StoredKeyset keyset) {
            return stored.insert(keyset);
        }

        @Override
        public boolean replace(StoredKeyset keyset, int expectedVersion) {
            return stored.replace(keyset, expectedVersion);
        }

        @Override
        public List<StoredKeyset> listByTenant(String tenantId) {
            return stored.listByTenant(tenantId);
        }

        @Override
        public List<StoredKeyset> listAll() {
            return stored.listAll();
        }
    }

    @Test
    void aMasterKeyThatWorksPassesItsCheck() {
        MasterKey.ephemeral().verify();
    }
}
