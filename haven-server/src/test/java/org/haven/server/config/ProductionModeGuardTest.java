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
                new HavenSettings.Privacy(null, 7, 5));
        assertThat(generatedKey.masterKeyFile()).isEqualTo(Path.of("data", "keys", "master-key"));
        assertThatThrownBy(() -> ProductionModeGuard.check(generatedKey))
                .hasMessageContaining("a master key generated in the data directory")
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
                identity(null, null), new HavenSettings.Privacy(Path.of("/etc/haven/master-key"), 7, 5));
        assertThat(settings.toString()).doesNotContain("db-password", "secret-access-key", "metrics-token", "bootstrap-password");
    }

    private static HavenSettings settings(Mode mode, String dbUrl, String metricsToken) {
        return settings(mode, dbUrl, metricsToken, identity(null, "https://login.example.org/realms/haven"));
    }

    private static HavenSettings settings(Mode mode, String dbUrl, String metricsToken, HavenSettings.Identity identity) {
        return new HavenSettings(mode, Path.of("data"),
                new HavenSettings.Database(dbUrl, "haven", null, "haven", 10),
                BlobBackend.FS,
                new HavenSettings.S3(null, null, "us-east-1", null, null, false),
                new HavenSettings.Http(1 << 20),
                new HavenSettings.Metrics(metricsToken),
                identity, new HavenSettings.Privacy(Path.of("/etc/haven/master-key"), 7, 5));
    }

    private static HavenSettings.Identity identity(Boolean localAccounts, String oidcIssuer) {
        return identity(localAccounts, oidcIssuer, List.of("first-admin"));
    }

    private static HavenSettings.Identity identity(Boolean localAccounts, String oidcIssuer, List<String> administrators) {
        return new HavenSettings.Identity(localAccounts, "admin", "bootstrap-password", Duration.ofHours(1), 5,
                new HavenSettings.Oidc(oidcIssuer, "haven-api", "sub", "email", "name", administrators));
    }
}
