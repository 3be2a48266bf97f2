package org.haven.server.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the server, bound from {@code application.yaml}, which maps each documented {@code HAVEN_*}
 * environment variable onto these names (docs/configuration.md lists them all). Validated at start-up, so a
 * wrong value stops the server with a message instead of failing later.
 */
@Validated
@ConfigurationProperties(prefix = "haven")
public record HavenSettings(
        @NotNull @DefaultValue("development") Mode mode,
        @NotNull @DefaultValue("./data") Path dataDir,
        @Valid @NotNull @DefaultValue Database db,
        @NotNull @DefaultValue("fs") BlobBackend blob,
        @Valid @NotNull @DefaultValue S3 s3,
        @Valid @NotNull @DefaultValue Http http,
        @Valid @NotNull @DefaultValue Metrics metrics,
        @Valid @NotNull @DefaultValue Identity identity,
        @Valid @NotNull @DefaultValue Privacy privacy) {

    /** An external PostgreSQL when {@code url} is set; otherwise Haven starts its own under the data directory. */
    public record Database(
            String url,
            @DefaultValue("haven") String user,
            String password,
            @NotBlank @DefaultValue("haven") String schema,
            @Min(1) @Max(200) @DefaultValue("10") int poolSize) {

        public boolean embedded() {
            return url == null || url.isBlank();
        }

        @Override
        public String toString() {
            // Never let a password reach a log line through toString().
            return "Database[url=" + url + ", user=" + user + ", schema=" + schema + ", poolSize=" + poolSize + "]";
        }
    }

    public record S3(
            URI endpoint,
            String bucket,
            @DefaultValue("us-east-1") String region,
            String accessKey,
            String secretKey,
            @DefaultValue("false") boolean pathStyle) {

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + ", pathStyle=" + pathStyle + "]";
        }
    }

    public record Http(@Min(1024) @DefaultValue("1048576") long maxRequestBytes) {}

    /** Prometheus scraping: with a token, callers must present it; without one, only loopback callers are served. */
    public record Metrics(String token) {

        public boolean open() {
            return token == null || token.isBlank();
        }

        @Override
        public String toString() {
            return "Metrics[token=" + (open() ? "unset" : "set") + "]";
        }
    }

    /**
     * How callers prove who they are: an external OIDC issuer, and/or the built-in sign-in for local accounts,
     * which is on in development and off in production unless {@code localAccounts} is set explicitly.
     */
    public record Identity(
            Boolean localAccounts,
            @NotBlank @DefaultValue("admin") String bootstrapAdmin,
            String bootstrapAdminPassword,
            @NotNull @DefaultValue("1h") Duration tokenLifetime,
            @Min(1) @Max(100) @DefaultValue("5") int lockoutThreshold,
            @Valid @NotNull @DefaultValue Oidc oidc) {

        public boolean localAccountsEnabled(Mode mode) {
            return localAccounts != null ? localAccounts : mode == Mode.DEVELOPMENT;
        }

        @Override
        public String toString() {
            return "Identity[localAccounts=" + localAccounts + ", bootstrapAdmin=" + bootstrapAdmin
                    + ", tokenLifetime=" + tokenLifetime + ", oidc=" + oidc + "]";
        }
    }

    /**
     * An OpenID Connect issuer (Keycloak, Entra ID, Auth0, Cognito, ...), found by discovery from its URL.
     * {@code administrators} are subjects of that issuer who are made platform administrators when they first call,
     * so a deployment without local accounts still has someone who can create tenants.
     */
    public record Oidc(
            String issuer,
            String audience,
            @NotBlank @DefaultValue("sub") String subjectClaim,
            @NotBlank @DefaultValue("email") String emailClaim,
            @NotBlank @DefaultValue("name") String nameClaim,
            @NotNull @DefaultValue("") List<String> administrators) {

        public boolean configured() {
            return issuer != null && !issuer.isBlank();
        }
    }

    /**
     * The master key that wraps every tenant's keysets: a Tink keyset file ({@code masterKeyFile}) or a key held by
     * AWS KMS ({@code masterKeyUri}, {@code aws-kms://arn:aws:kms:...}, reached at {@code kmsEndpoint} when set, with
     * credentials from the AWS SDK's default chain). Without either, Haven generates a file in the data directory on
     * first start: convenient on a laptop, and refused in production, where the key belongs apart from the data it
     * protects. While moving to a new master key, the old one is named by {@code previousMasterKeyFile} or
     * {@code previousMasterKeyUri}, and every keyset it wrapped is rewrapped at start.
     *
     * <p>Disclosure control of aggregate results, server-wide: counts at or below {@code sdcThreshold} are suppressed
     * and the others rounded to the nearest multiple of {@code sdcRoundingBase}.
     */
    public record Privacy(
            Path masterKeyFile,
            String masterKeyUri,
            Path previousMasterKeyFile,
            String previousMasterKeyUri,
            URI kmsEndpoint,
            @Min(0) @DefaultValue("7") int sdcThreshold,
            @Min(1) @DefaultValue("5") int sdcRoundingBase) {

        /** The only KMS whose key URIs the server understands. */
        public static final String AWS_KMS_PREFIX = "aws-kms://";

        public Privacy {
            if (present(masterKeyFile) && present(masterKeyUri)) {
                throw new IllegalArgumentException("HAVEN_MASTER_KEY_FILE and HAVEN_MASTER_KEY_URI are both set: set"
                        + " one, the file for a local Tink keyset or the URI for a key held by AWS KMS");
            }
            if (present(previousMasterKeyFile) && present(previousMasterKeyUri)) {
                throw new IllegalArgumentException("HAVEN_PREVIOUS_MASTER_KEY_FILE and HAVEN_PREVIOUS_MASTER_KEY_URI are"
                        + " both set: name the one previous master key by its file or by its URI");
            }
            requireSupported("HAVEN_MASTER_KEY_URI", masterKeyUri);
            requireSupported("HAVEN_PREVIOUS_MASTER_KEY_URI", previousMasterKeyUri);
        }

        public boolean generated() {
            return !present(masterKeyFile) && !present(masterKeyUri);
        }

        /** Whether the master key is held by a KMS rather than read from a file. */
        public boolean kms() {
            return present(masterKeyUri);
        }

        /** Whether a previous master key is named, whose keysets are to be rewrapped at start. */
        public boolean hasPreviousMasterKey() {
            return present(previousMasterKeyFile) || present(previousMasterKeyUri);
        }

        private static void requireSupported(String variable, String uri) {
            if (present(uri) && !uri.startsWith(AWS_KMS_PREFIX)) {
                String scheme = uri.contains("://") ? uri.substring(0, uri.indexOf("://") + 3) : uri;
                throw new IllegalArgumentException(variable + " has an unsupported scheme (" + scheme + "): Haven"
                        + " supports AWS KMS keys, " + AWS_KMS_PREFIX + "arn:aws:kms:<region>:<account>:key/<id>"
                        + " (or :alias/<name>)");
            }
        }

        private static boolean present(Object value) {
            return value != null && !value.toString().isBlank();
        }
    }

    public Path masterKeyFile() {
        return privacy.generated() ? dataDir.resolve("keys").resolve("master-key") : privacy.masterKeyFile();
    }

    public boolean localAccountsEnabled() {
        return identity.localAccountsEnabled(mode);
    }

    public Path blobDir() {
        return dataDir.resolve("blobs");
    }

    public Path postgresDir() {
        return dataDir.resolve("postgres");
    }
}
