package org.haven.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.haven.storage.BlobStore;
import org.haven.storage.BlobStoreContract;
import org.haven.storage.BlobStoreException;
import org.haven.storage.BlobStoreException.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class S3BlobStoreIT extends BlobStoreContract {

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private static S3ProxyServer server;
    private static S3Client client;
    private String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        client = server.client();
    }

    @AfterAll
    static void stopServer() throws Exception {
        client.close();
        server.stop();
    }

    /**
     * A new bucket per test; 5 MiB parts and a 5 MiB copy threshold so 12 MiB objects take every
     * multipart path.
     */
    @Override
    protected BlobStore openStore() {
        bucket = "contract-" + BUCKETS.incrementAndGet();
        client.createBucket(b -> b.bucket(bucket));
        return S3BlobStore.create(
                server.settings(bucket)
                        .withPartSize(S3Settings.MIN_PART_SIZE)
                        .withMultipartCopy(S3Settings.MIN_PART_SIZE, S3Settings.MIN_PART_SIZE));
    }

    @Override
    protected void assertNoLeftovers() {
        assertThat(client.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        assertThat(
                        client.listObjectsV2(
                                        b -> b.bucket(bucket).prefix(S3BlobStore.STAGING_PREFIX))
                                .contents())
                .isEmpty();
    }

    private static final String NESTED_KEYS_LIMITATION =
            "S3Proxy's filesystem backend stores key 'a/b' as a file, so it "
                    + "cannot also hold 'a/b/c'; S3 itself can, and the filesystem store runs this test";

    @Override
    @Test
    @Disabled(NESTED_KEYS_LIMITATION)
    protected void listsAKeyAndTheKeysNestedUnderIt() {}

    @Override
    @Test
    @Disabled(NESTED_KEYS_LIMITATION)
    protected void deletesAKeyButNotTheKeysNestedUnderIt() {}

    @Override
    @Test
    @Disabled(
            "S3Proxy's filesystem backend writes each object to a temporary file named after its last segment plus "
                    + "37 characters, so it cannot hold a 255-byte segment; S3 allows any 1024-byte key")
    protected void holdsTheLongestValidKeys() {}

    @Override
    @Test
    @Disabled(
            "S3Proxy's filesystem backend lists in UTF-16 order; S3 lists in UTF-8 byte order, as this test expects")
    protected void listsSupplementaryCharactersAfterTheBasicPlane() {}

    @Test
    void failsClearlyWhenTheBucketDoesNotExist() {
        assertThatThrownBy(() -> S3BlobStore.create(server.settings("no-such-bucket")))
                .isInstanceOfSatisfying(
                        BlobStoreException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                            assertThat(e.getMessage()).contains("no-such-bucket");
                        });
    }

    @Test
    void neverRevealsTheSecretKey() {
        S3Settings wrongKey =
                server.settings(bucket)
                        .withCredentials(S3ProxyServer.ACCESS_KEY, "wrong-secret-value");

        assertThatThrownBy(() -> S3BlobStore.create(wrongKey))
                .isInstanceOfSatisfying(
                        BlobStoreException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                            assertThat(e.getMessage()).doesNotContain("wrong-secret-value");
                        });
        assertThat(server.settings(bucket).toString()).doesNotContain(S3ProxyServer.SECRET_KEY);
    }

    @Test
    void failsItsHealthCheckWhenTheBucketGoesAway() {
        client.deleteBucket(b -> b.bucket(bucket));

        assertReason(() -> store.check(), Reason.UNAVAILABLE);
    }

    @Test
    void storesTheHashAsUserMetadata() {
        put(org.haven.storage.BlobKey.of("meta"), "abc", org.haven.storage.PutOptions.defaults());

        assertThat(client.headObject(b -> b.bucket(bucket).key("meta")).metadata())
                .containsEntry(
                        S3BlobStore.SHA256_METADATA, org.haven.storage.TestContent.sha256Of("abc"));
    }
}
