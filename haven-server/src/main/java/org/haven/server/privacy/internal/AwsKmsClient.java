package org.haven.server.privacy.internal;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Tink's {@link KmsClient} for AWS KMS over the AWS SDK for Java v2 (Tink's own integration needs SDK v1). Key URIs
 * are {@code aws-kms://} followed by a key ARN ({@code arn:aws:kms:<region>:<account>:key/<id>}) or an alias ARN
 * ({@code ...:alias/<name>}); the region comes from the ARN. One SDK client per region, closed with this object.
 */
public final class AwsKmsClient implements KmsClient, AutoCloseable {

    public static final String PREFIX = "aws-kms://";

    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final boolean ownsCredentials;
    private final Map<String, software.amazon.awssdk.services.kms.KmsClient> clients = new ConcurrentHashMap<>();

    /**
     * @param endpoint where to send requests instead of the region's public endpoint (a VPC endpoint), or null
     * @param credentials how to sign requests
     */
    public AwsKmsClient(URI endpoint, AwsCredentialsProvider credentials) {
        this(endpoint, credentials, false);
    }

    private AwsKmsClient(URI endpoint, AwsCredentialsProvider credentials, boolean ownsCredentials) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.ownsCredentials = ownsCredentials;
    }

    /** Credentials from the SDK's default chain: environment, profile, web identity, container or instance role. */
    public static AwsKmsClient withDefaultCredentialChain(URI endpoint) {
        return new AwsKmsClient(endpoint, DefaultCredentialsProvider.builder().build(), true);
    }

    @Override
    public boolean doesSupport(String keyUri) {
        return keyUri != null && keyUri.startsWith(PREFIX);
    }

    @Override
    public KmsClient withCredentials(String credentialPath) throws GeneralSecurityException {
        throw new GeneralSecurityException("AWS KMS credentials come from the AWS SDK's default provider chain, not a"
                + " credentials file");
    }

    @Override
    public KmsClient withDefaultCredentials() {
        return this;
    }

    @Override
    public Aead getAead(String keyUri) throws GeneralSecurityException {
        if (!doesSupport(keyUri)) {
            throw new GeneralSecurityException("not an AWS KMS key URI (" + PREFIX + "arn:aws:kms:...): " + keyUri);
        }
        String arn = keyUri.substring(PREFIX.length());
        return new AwsKmsAead(clients.computeIfAbsent(region(arn), this::newClient), arn);
    }

    @Override
    public void close() {
        clients.values().forEach(software.amazon.awssdk.services.kms.KmsClient::close);
        clients.clear();
        if (ownsCredentials && credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    /** The region of {@code arn:<partition>:kms:<region>:<account>:key/<id>} or {@code ...:alias/<name>}. */
    static String region(String arn) throws GeneralSecurityException {
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("kms") || parts[3].isBlank()
                || parts[4].isBlank() || !(parts[5].startsWith("key/") || parts[5].startsWith("alias/"))) {
            throw new GeneralSecurityException("not an AWS KMS key or alias ARN"
                    + " (arn:aws:kms:<region>:<account>:key/<id> or :alias/<name>): " + arn);
        }
        return parts[3];
    }

    private software.amazon.awssdk.services.kms.KmsClient newClient(String region) {
        var builder = software.amazon.awssdk.services.kms.KmsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                // A KMS out of reach should stop a start within seconds, not hang it.
                .overrideConfiguration(configuration -> configuration
                        .apiCallAttemptTimeout(Duration.ofSeconds(10))
                        .apiCallTimeout(Duration.ofSeconds(30)));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
