package org.haven.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.cli.CliAgainstServerIT.haven;
import static org.haven.server.cli.CliAgainstServerIT.havenWithInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.haven.cli.ConfigFile;
import org.haven.server.RunningServer;
import org.haven.server.cli.CliAgainstServerIT.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing in and out with the {@code haven} command against a real server, and what the config file then holds. */
public class CliAccountIT extends RunningServer {

    @TempDir
    Path directory;

    private Path config() {
        return directory.resolve("haven/config.json");
    }

    private Run login(String username, String password) {
        return havenWithInput(password + "\n", "login", "--server", uri("").toString(), "--user", username,
                "--password-stdin", "--config", config().toString());
    }

    @Test
    void loginStoresAPersonalAccessTokenOnlyTheOwnerCanReadAndMeUsesIt() throws IOException {
        Caller user = newUser("cli-login");

        Run login = login(user.username(), user.password());

        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.out()).contains("signed in to " + uri("") + " as " + user.username());
        ConfigFile.Contents stored = new ConfigFile(config()).read().orElseThrow();
        assertThat(stored.server()).isEqualTo(uri("").toString());
        assertThat(stored.token()).startsWith("hvn_pat_");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config()))).isEqualTo("rw-------");

        Run me = haven(config(), "me");
        assertThat(me.exitCode()).as(me.err()).isZero();
        assertThat(me.out()).contains("subject:", user.subject()).containsPattern("signed in with: +personal_access_token");

        Run tokens = haven(config(), "tokens", "list");
        assertThat(tokens.out()).contains("haven-cli@");
    }

    @Test
    void aWrongPasswordWritesNothingAndSaysWhatTheServerSaid() {
        Caller user = newUser("cli-wrong");

        Run login = login(user.username(), "not-" + user.password());

        assertThat(login.exitCode()).isEqualTo(1);
        assertThat(login.err()).startsWith("haven: sign-in to " + uri("") + " failed: ").contains("(unauthenticated)");
        assertThat(config()).doesNotExist();
    }

    @Test
    void logoutRevokesTheTokenAndRemovesItSoTheNextCommandIsNotSignedIn() {
        Caller user = newUser("cli-logout");
        assertThat(login(user.username(), user.password()).exitCode()).isZero();
        String token = new ConfigFile(config()).read().orElseThrow().token();

        Run logout = haven(config(), "logout");

        assertThat(logout.exitCode()).as(logout.err()).isZero();
        assertThat(logout.out()).contains("token revoked");
        assertThat(new ConfigFile(config()).read().orElseThrow().token()).isNull();
        assertThat(get("/api/v1/me", token).statusCode()).isEqualTo(401);

        Run me = haven(config(), "me");
        assertThat(me.exitCode()).isEqualTo(1);
        assertThat(me.err()).isEqualTo("haven: not signed in to " + uri("") + " (run: haven login --server " + uri("")
                + " --user NAME)" + System.lineSeparator());
    }
}
