package org.haven.server.privacy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;

import com.google.crypto.tink.Aead;

import org.haven.privacy.KeyException;
import org.haven.privacy.KeyRing;
import org.haven.privacy.KeyScope;
import org.haven.privacy.KeysetRepositories;
import org.haven.privacy.KeysetRepository;
import org.haven.privacy.MasterKey;
import org.haven.testing.kms.KmsTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The master key held by AWS KMS, through the real SDK v2 client, against a KMS endpoint started here. */
class AwsKmsMasterKeyIT {

    private static final byte[] SECRET = "9434765919".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AD = "haven-keyset\u0000t1".getBytes(StandardCharsets.UTF_8);

    private static KmsTestServer kms;
    private static AwsKmsClient client;

    @BeforeAll
    static void start() {
        kms = KmsTestServer.start();
        client = client(kms.endpoint(), KmsTestServer.SECRET_KEY);
    }

    @AfterAll
    static void stop() {
        client.close();
        kms.close();
    }

    @AfterEach
    void heal() {
        kms.answerNormally();
    }

    @Test
    void keysetsWrappedByTheKmsKeyUnwrapInAnotherRingAndGiveTheSameTokens() throws Exception {
        String uri = AwsKmsClient.PREFIX + kms.createKey();
        MasterKey masterKey = MasterKey.fromKms(client, uri);
        assertThat(masterKey.id()).isEqualTo("kms:" + uri);
        assertThat(masterKey.isLocal()).isFalse();
        masterKey.verify();

        KeysetRepository repository = KeysetRepositories.inMemory();
        KeyScope scope = KeyScope.project("t1", "p1");
        byte[] token = new KeyRing(repository, masterKey).forScope(scope).tokeniser().compute(SECRET, 24);
        int decrypts = kms.requests("Decrypt");

        KeyRing restarted = new KeyRing(repository, MasterKey.fromKms(client, uri));
        assertThat(restarted.forScope(scope).tokeniser().compute(SECRET, 24)).isEqualTo(token);
        assertThat(kms.requests("Decrypt")).isEqualTo(decrypts + 1);
        assertThat(repository.find(scope, org.haven.privacy.KeyPurpose.TOKENISE).orElseThrow().masterKeyId())
                .isEqualTo("kms:" + uri);
    }

    @Test
    void anAliasNamesTheSameKey() throws Exception {
        String keyArn = kms.createKey();
        String aliasArn = kms.createAlias("haven-master", keyArn);
        byte[] ciphertext = client.getAead(AwsKmsClient.PREFIX + keyArn).encrypt(SECRET, AD);
        assertThat(client.getAead(AwsKmsClient.PREFIX + aliasArn).decrypt(ciphertext, AD)).isEqualTo(SECRET);
    }

    @Test
    void anotherEncryptionContextDoesNotDecryptAndTheMessageHoldsNoData() throws Exception {
        Aead aead = client.getAead(AwsKmsClient.PREFIX + kms.createKey());
        byte[] ciphertext = aead.encrypt(SECRET, AD);
        byte[] otherAd = "haven-keyset\u0000t2".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> aead.decrypt(ciphertext, otherAd))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("could not decrypt")
                .hasMessageContaining("associated data does not match")
                .hasNoCause()
                .message().doesNotContain("9434765919", HexFormat.of().formatHex(otherAd), HexFormat.of().formatHex(AD));
        assertThatThrownBy(() -> aead.decrypt(ciphertext, new byte[0])).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aCiphertextUnderAnotherKeyIsRefused() throws Exception {
        byte[] ciphertext = client.getAead(AwsKmsClient.PREFIX + kms.createKey()).encrypt(SECRET, AD);
        String ours = kms.createKey();
        assertThatThrownBy(() -> client.getAead(AwsKmsClient.PREFIX + ours).decrypt(ciphertext, AD))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessage("AWS KMS says the ciphertext was not made with key " + ours);
    }

    @Test
    void aKmsThatSaysAnotherKeyDecryptedIsNotBelieved() throws Exception {
        String ours = kms.createKey();
        Aead aead = client.getAead(AwsKmsClient.PREFIX + ours);
        byte[] ciphertext = aead.encrypt(SECRET, AD);
        String other = kms.createKey();
        kms.reportDecryptingKey(other);
        assertThatThrownBy(() -> aead.decrypt(ciphertext, AD))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("decrypted with key " + other + " when asked for " + ours);
    }

    @Test
    void anUnknownKeyFailsTheMasterKeyCheckNamingTheKey() {
        String unknown = "arn:aws:kms:" + KmsTestServer.REGION + ":" + KmsTestServer.ACCOUNT + ":key/no-such-key";
        MasterKey masterKey = MasterKey.fromKms(client, AwsKmsClient.PREFIX + unknown);
        assertThatThrownBy(masterKey::verify)
                .isInstanceOf(KeyException.class)
                .hasMessage("the master key kms:aws-kms://" + unknown + " does not work: AWS KMS has no key " + unknown);
    }

    @Test
    void aKmsThatFailsGivesItsErrorCodeAndStatus() throws Exception {
        Aead aead = client.getAead(AwsKmsClient.PREFIX + kms.createKey());
        kms.failWith(500);
        assertThatThrownBy(() -> aead.encrypt(SECRET, AD))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("AWS KMS refused Encrypt with key arn:aws:kms:")
                .hasMessageEndingWith(": KMSInternalException (HTTP 500)");
    }

    @Test
    void aStartWaitsForAKmsThatAnswersAgainWithinItsPatience() throws Exception {
        MasterKey masterKey = MasterKey.fromKms(client, AwsKmsClient.PREFIX + kms.createKey());
        kms.failWith(503);
        int before = kms.requests("Encrypt");
        Thread healer = new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            kms.answerNormally();
        });
        healer.start();

        MasterKeyCheck.verify(masterKey, Duration.ofSeconds(60));

        healer.join();
        assertThat(kms.requests("Encrypt") - before).isGreaterThan(1);
    }

    @Test
    void aStartGivesUpOnAnUnavailableKmsAfterItsPatienceWithTheKmsError() {
        MasterKey masterKey = MasterKey.fromKms(client, AwsKmsClient.PREFIX + kms.createKey());
        kms.failWith(500);
        int before = kms.requests("Encrypt");
        long start = System.nanoTime();

        assertThatThrownBy(() -> MasterKeyCheck.verify(masterKey, Duration.ofSeconds(2)))
                .isInstanceOf(KeyException.class)
                .hasMessageEndingWith(": KMSInternalException (HTTP 500)");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(kms.requests("Encrypt") - before).isGreaterThan(1);
    }

    @Test
    void aStartStopsAtOnceWhenTheKmsRefusesTheKey() {
        String unknown = "arn:aws:kms:" + KmsTestServer.REGION + ":" + KmsTestServer.ACCOUNT + ":key/no-such-key";
        MasterKey masterKey = MasterKey.fromKms(client, AwsKmsClient.PREFIX + unknown);
        int before = kms.requests("Encrypt");

        assertThatThrownBy(() -> MasterKeyCheck.verify(masterKey, Duration.ofSeconds(60)))
                .isInstanceOf(KeyException.class)
                .hasMessageEndingWith("AWS KMS has no key " + unknown);

        assertThat(kms.requests("Encrypt") - before).isEqualTo(1);
    }

    @Test
    void aKmsOutOfReachSaysSo() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (AwsKmsClient unreachable = client(URI.create("http://127.0.0.1:" + closedPort), KmsTestServer.SECRET_KEY)) {
            MasterKey masterKey = MasterKey.fromKms(unreachable, AwsKmsClient.PREFIX + kms.createKey());
            assertThatThrownBy(masterKey::verify)
                    .isInstanceOf(KeyException.class)
                    .hasMessageContaining("does not work: could not reach AWS KMS for Encrypt with key arn:aws:kms:");
        }
    }

    @Test
    void requestsAreSignedForTheRegionOfTheKey() throws Exception {
        String arn = kms.createKey();
        try (AwsKmsClient otherAccessKey = new AwsKmsClient(kms.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAUNKNOWN", "secret")))) {
            assertThatThrownBy(() -> otherAccessKey.getAead(AwsKmsClient.PREFIX + arn).encrypt(SECRET, AD))
                    .hasMessageEndingWith(": UnrecognizedClientException (HTTP 400)");
        }
        String otherRegion = arn.replace(KmsTestServer.REGION, "us-east-1");
        assertThatThrownBy(() -> client.getAead(AwsKmsClient.PREFIX + otherRegion).encrypt(SECRET, AD))
                .hasMessageEndingWith(": UnrecognizedClientException (HTTP 400)");
    }

    @Test
    void aUriThatIsNotAKmsArnIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> client.getAead("aws-kms://my-key"))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("not an AWS KMS key or alias ARN");
        assertThatThrownBy(() -> MasterKey.fromKms(client, "gcp-kms://projects/p/keys/k"))
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("does not support key URI");
    }

    private static AwsKmsClient client(URI endpoint, String secretKey) {
        return new AwsKmsClient(endpoint, StaticCredentialsProvider.create(
                AwsBasicCredentials.create(KmsTestServer.ACCESS_KEY, secretKey)));
    }
}
