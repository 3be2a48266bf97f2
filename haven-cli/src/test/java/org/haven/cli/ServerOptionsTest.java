package org.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    private static final Optional<ConfigFile.Contents> SIGNED_IN =
            Optional.of(new ConfigFile.Contents("https://haven.example", "hvn_pat_stored_secret"));

    @Test
    void theServerComesFromTheFlagThenTheEnvironmentThenTheConfigThenTheLocalDefault() {
        Map<String, String> env = Map.of("HAVEN_SERVER", "http://env.example");

        assertThat(ServerOptions.resolve("http://flag.example/", env::get, SIGNED_IN).server()).hasToString("http://flag.example");
        assertThat(ServerOptions.resolve(null, env::get, SIGNED_IN).server()).hasToString("http://env.example");
        assertThat(ServerOptions.resolve(null, Map.<String, String>of()::get, SIGNED_IN).server()).hasToString("https://haven.example");
        assertThat(ServerOptions.resolve(null, Map.<String, String>of()::get, Optional.empty()).server()).hasToString("http://localhost:8080");
    }

    @Test
    void theStoredTokenGoesOnlyToTheServerThatIssuedIt() {
        assertThat(ServerOptions.resolve(null, Map.<String, String>of()::get, SIGNED_IN).token()).isEqualTo("hvn_pat_stored_secret");
        assertThat(ServerOptions.resolve("https://haven.example/", Map.<String, String>of()::get, SIGNED_IN).token())
                .isEqualTo("hvn_pat_stored_secret");
        assertThat(ServerOptions.resolve("https://elsewhere.example", Map.<String, String>of()::get, SIGNED_IN).token()).isNull();
    }

    @Test
    void havenTokenWinsOverTheStoredToken() {
        Map<String, String> env = Map.of("HAVEN_TOKEN", "hvn_app_key_secret");

        assertThat(ServerOptions.resolve(null, env::get, SIGNED_IN).token()).isEqualTo("hvn_app_key_secret");
        assertThat(ServerOptions.resolve("https://elsewhere.example", env::get, SIGNED_IN).token()).isEqualTo("hvn_app_key_secret");
    }
}
