package org.haven.storage.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-protocol server on 127.0.0.1 at a free port, storing into a temporary directory. Public
 * (through this module's test jar) so the server's tests can run Haven against S3 too.
 */
public final class S3ProxyServer {

    public static final String ACCESS_KEY = "haven-test-access";
    public static final String SECRET_KEY = "haven-test-secret-do-not-print";
    public static final String REGION = "us-east-1";

    private final Path directory;
    private final S3Proxy proxy;

    private S3ProxyServer(Path directory, S3Proxy proxy) {
        this.directory = directory;
        this.proxy = proxy;
    }

    public static S3ProxyServer start() throws Exception {
        Path directory = Files.createTempDirectory("haven-s3proxy");
        S3Proxy proxy =
                S3Proxy.builder()
                        .blobStore(new FilesystemNio2BlobStore(directory.toString()))
                        .endpoint(URI.create("http://127.0.0.1:0"))
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                        .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        return new S3ProxyServer(directory, proxy);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public S3Settings settings(String bucket) {
        return S3Settings.forBucket(bucket, REGION)
                .withEndpoint(endpoint())
                .withCredentials(ACCESS_KEY, SECRET_KEY)
                .withPathStyle(true);
    }

    /** A plain client for what the tests check behind the store's back. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public void stop() throws Exception {
        proxy.stop();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
