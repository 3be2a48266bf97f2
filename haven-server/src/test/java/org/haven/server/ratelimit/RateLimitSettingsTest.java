package org.haven.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class RateLimitSettingsTest {

    @Test
    void withoutConfigurationTheDocumentedDefaultsApply() {
        RateLimitSettings settings = bind(Map.of());

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.address()).isEqualTo(new RateLimitSettings.Address(1200, Duration.ofMinutes(1)));
        assertThat(settings.signIn()).isEqualTo(new RateLimitSettings.SignIn(10, Duration.ofMinutes(1)));
        assertThat(settings.write()).isEqualTo(new RateLimitSettings.Write(120, Duration.ofMinutes(1)));
        assertThat(settings.read()).isEqualTo(new RateLimitSettings.Read(600, Duration.ofMinutes(1)));
        assertThat(settings.purgeInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.limit(LimitClass.SIGN_IN)).isSameAs(settings.signIn());
    }

    @Test
    void environmentVariablesOverrideOneFieldAndKeepTheOthersDefaults() {
        RateLimitSettings settings = bind(Map.of(
                "HAVEN_RATELIMIT_ENABLED", "false",
                "HAVEN_RATELIMIT_SIGNIN_CAPACITY", "5",
                "HAVEN_RATELIMIT_READ_PERIOD", "10s",
                "HAVEN_RATELIMIT_PURGEINTERVAL", "1m"));

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.signIn()).isEqualTo(new RateLimitSettings.SignIn(5, Duration.ofMinutes(1)));
        assertThat(settings.read()).isEqualTo(new RateLimitSettings.Read(600, Duration.ofSeconds(10)));
        assertThat(settings.purgeInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void emptyBucketsAndZeroPeriodsAreInvalid() {
        try (var factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            assertThat(validator.validate(new RateLimitSettings.Write(0, Duration.ofMinutes(1)))).hasSize(1);
            assertThat(validator.validate(new RateLimitSettings.Write(1, Duration.ZERO))).hasSize(1);
            assertThat(validator.validate(new RateLimitSettings.Write(1, Duration.ofSeconds(1)))).isEmpty();
        }
    }

    private static RateLimitSettings bind(Map<String, Object> environment) {
        var source = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment);
        var sources = ConfigurationPropertySources.from(source);
        return new Binder(sources).bindOrCreate("haven.rate-limit", RateLimitSettings.class);
    }
}
