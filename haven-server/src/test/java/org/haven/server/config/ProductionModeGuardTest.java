package org.haven.server.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
    void settingsNeverPrintSecrets() {
        HavenSettings settings = new HavenSettings(Mode.PRODUCTION, Path.of("data"),
                new HavenSettings.Database("jdbc:postgresql://db/haven", "haven", "db-password", "haven", 10),
                BlobBackend.S3,
                new HavenSettings.S3(null, "bucket", "eu-west-2", "access-key-id", "secret-access-key", true),
                new HavenSettings.Http(1 << 20),
                new HavenSettings.Metrics("metrics-token"));
        org.assertj.core.api.Assertions.assertThat(settings.toString())
                .doesNotContain("db-password", "secret-access-key", "metrics-token");
    }

    private static HavenSettings settings(Mode mode, String dbUrl, String metricsToken) {
        return new HavenSettings(mode, Path.of("data"),
                new HavenSettings.Database(dbUrl, "haven", null, "haven", 10),
                BlobBackend.FS,
                new HavenSettings.S3(null, null, "us-east-1", null, null, false),
                new HavenSettings.Http(1 << 20),
                new HavenSettings.Metrics(metricsToken));
    }
}
