package org.haven.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductionModeGuardTest {

    @Test
    void developmentModeAcceptsEveryDefault() {
        assertThatCode(() -> ProductionModeGuard.check(settings(Mode.DEVELOPMENT, null, null))).doesNotThrowAnyException();
    }

    @Test
    void productionModeNamesEveryDevOnlySettingAndItsReplacement() {
        assertThatThrownBy(() -> ProductionModeGuard.check(settings(Mode.PRODUCTION, null, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("embedded PostgreSQL")
                .hasMessageContaining("HAVEN_DB_URL")
                .hasMessageContaining("metrics without a token")
                .hasMessageContaining("HAVEN_METRICS_TOKEN");
        HavenSettings generatedKey = new HavenSettings(Mode.PRODUCTION, Path.of("data"),
                new HavenSettings.Database("jdbc:postgresql://db/haven", "haven", null, "haven", 10), BlobBackend.FS,
                new HavenSettings.S3(null, null, "us-east-1", null, null, false), new HavenSettings.Http(1 << 20),
                new HavenSettings.Metrics("token"), identity(null, "https://login.example.org/realms/haven"),
                keyFile(null));
        assertThat(generatedKey.masterKeyFile()).isEqualTo(Path.of("data", "keys", "master-key"));
        assertThatThrownBy(() -> ProductionModeGuard.check(generatedKey))
                .hasMessageContaining("a master key generated in the data directory")
                .hasMessageContaining("HAVEN_MASTER_KEY_URI")
                .hasMessageContaining("HAVEN_MASTER_KEY_FILE");
    }

    @Test
    void productionModeNamesOnlyWhatIsStillDevOnly() {
        assertThatThrownBy(() -> ProductionModeGuard.check(settings(Mode.PRODUCTION, "jdbc:postgresql://db/haven", null)))
                .hasMessageNotContaining("embedded PostgreSQL")
                .hasMessageContaining("HAVEN_METRICS_TOKEN");
    }

    @Test
    void productionModeStartsWhenEveryDevOnlySettingIsReplaced() {
        assertThatCode(() -> ProductionModeGuard.check(settings(Mode.PRODUCTION, "jdbc:postgresql://db/haven", "s3cr3t")))
                .doesNotThrowAnyException();
    }

    @Test
    void productionModeNeedsAWayToSignIn() {
        assertThatThrownBy(() -> ProductionModeGuard.check(settings(Mode.PRODUCTION, "jdbc:postgresql://db/haven", "s3cr3t", identity(null, null))))
                .hasMessageContaining("no way to sign in")
                .hasMessageContaining("HAVEN_OIDC_ISSUER");
        assertThatCode(() -> ProductionModeGuard.check(settings(Mode.PRODUCTION, "jdbc:postgresql://db/haven", "s3cr3t", identity(true, null))))
                .doesNotThrowAnyException();
    }

    @Test
    void productionModeWithOnlyAnOidcIssuerNeedsItsFirstAdministrators() {
        HavenSettings.Identity noAdministrators = identity(null, "https://login.example.org/realms/haven", List.of());
        assertThatThrownBy(() -> ProductionModeGuard.check(settings(Mode.PRODUCTION, "jdbc:postgresql://db/haven", "s3cr3t", noAdministrators)))
                .hasMessageContaining("no platform administrator")
                .hasMessageContaining("HAVEN_OIDC_ADMINISTRATORS");
    }

    @Test
    void theBuiltInSignInIsOnInDevelopmentAndOffInProductionUnlessAskedFor() {
        assertThat(identity(null, null).localAccountsEnabled(Mode.DEVELOPMENT)).isTrue();
        assertThat(identity(null, null).localAccountsEnabled(Mode.PRODUCTION)).isFalse();
        assertThat(identity(true, null).localAccountsEnabled(Mode.PRODUCTION)).isTrue();
        assertThat(identity(false, null).localAccountsEnabled(Mode.DEVELOPMENT)).isFalse();
    }

    @Test
    void settingsNeverPrintSecrets() {
        HavenSettings settings = new HavenSettings(Mode.PRODUCTION, Path.of("data"),
                new HavenSettings.Database("jdbc:postgresql://db/haven", "haven", "db-password", "haven", 10),
                BlobBackend.S3,
                new HavenSettings.S3(null, "bucket", "eu-west-2", "access-key-id", "secret-access-key", true),
                new HavenSettings.Http(1 << 20),
                new HavenSettings.Metrics("metrics-token"),
                identity(null, null), keyFile(Path.of("/etc/haven/master-key")));
        assertThat(settings.toString()).doesNotContain("db-password", "secret-access-key", "metrics-token", "bootstrap-password");
    }

    @Test
    void productionModeAcceptsAMasterKeyHeldByAKms() {
        HavenSettings.Privacy kms = new HavenSettings.Privacy(null, KEY_URI, null, null, null, 7, 5);
        assertThat(kms.generated()).isFalse();
        assertThatCode(() -> ProductionModeGuard.check(settings(Mode.PRODUCTION, "jdbc:postgresql://db/haven", "s3cr3t",
                identity(null, "https://login.example.org/realms/haven"), kms))).doesNotThrowAnyException();
    }

    @Test
    void theMasterKeyIsAFileOrAKmsKeyNeverBoth() {
        assertThatThrownBy(() -> new HavenSettings.Privacy(Path.of("/etc/haven/master-key"), KEY_URI, null, null, null, 7, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HAVEN_MASTER_KEY_FILE and HAVEN_MASTER_KEY_URI are both set");
        assertThatThrownBy(() -> new HavenSettings.Privacy(null, KEY_URI, Path.of("/etc/haven/old-key"),
                "aws-kms://arn:aws:kms:eu-west-2:111122223333:key/old", null, 7, 5))
                .hasMessageContaining("HAVEN_PREVIOUS_MASTER_KEY_FILE and HAVEN_PREVIOUS_MASTER_KEY_URI are both set");
        // Blank values, as an unset variable binds, count as unset.
        assertThat(new HavenSettings.Privacy(Path.of(""), " ", null, "", null, 7, 5).generated()).isTrue();
        assertThat(new HavenSettings.Privacy(null, KEY_URI, Path.of("/etc/haven/old-key"), null, null, 7, 5)
                .hasPreviousMasterKey()).isTrue();
    }

    @Test
    void aKeyUriOfAnotherKmsIsRefusedNamingTheSupportedOne() {
        assertThatThrownBy(() -> new HavenSettings.Privacy(null,
                "gcp-kms://projects/p/locations/global/keyRings/r/cryptoKeys/k", null, null, null, 7, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HAVEN_MASTER_KEY_URI has an unsupported scheme (gcp-kms://)")
                .hasMessageContaining("aws-kms://arn:aws:kms:");
        assertThatThrownBy(() -> new HavenSettings.Privacy(null, KEY_URI, null, "arn:aws:kms:eu-west-2:1:key/k", null, 7, 5))
                .hasMessageContaining("HAVEN_PREVIOUS_MASTER_KEY_URI has an unsupported scheme")
                .hasMessageContaining("aws-kms://");
    }

    private static final String KEY_URI = "aws-kms://arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static HavenSettings.Privacy keyFile(Path file) {
        return new HavenSettings.Privacy(file, null, null, null, null, 7, 5);
    }

    private static HavenSettings settings(Mode mode, String dbUrl, String metricsToken) {
        return settings(mode, dbUrl, metricsToken, identity(null, "https://login.example.org/realms/haven"));
    }

    private static HavenSettings settings(Mode mode, String dbUrl, String metricsToken, HavenSettings.Identity identity) {
        return settings(mode, dbUrl, metricsToken, identity, keyFile(Path.of("/etc/haven/master-key")));
    }

    private static HavenSettings settings(Mode mode, String dbUrl, String metricsToken, HavenSettings.Identity identity,
            HavenSettings.Privacy privacy) {
        return new HavenSettings(mode, Path.of("data"),
                new HavenSettings.Database(dbUrl, "haven", null, "haven", 10),
                BlobBackend.FS,
                new HavenSettings.S3(null, null, "us-east-1", null, null, false),
                new HavenSettings.Http(1 << 20),
                new HavenSettings.Metrics(metricsToken),
                identity, privacy);
    }

    private static HavenSettings.Identity identity(Boolean localAccounts, String oidcIssuer) {
        return identity(localAccounts, oidcIssuer, List.of("first-admin"));
    }

    private static HavenSettings.Identity identity(Boolean localAccounts, String oidcIssuer, List<String> administrators) {
        return new HavenSettings.Identity(localAccounts, "admin", "bootstrap-password", Duration.ofHours(1), 5,
                new HavenSettings.Oidc(oidcIssuer, "haven-api", "sub", "email", "name", administrators));
    }
}
