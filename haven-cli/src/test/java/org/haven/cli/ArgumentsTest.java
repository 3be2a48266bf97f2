package org.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes on the command line are caught before anything is sent: every command here points at a closed port, so
 * one that reached the network would exit with {@link ExitCodes#UNREACHABLE} instead of a usage error.
 */
class ArgumentsTest {

    @TempDir
    Path directory;

    private String server;

    @BeforeEach
    void closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            server = "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private CommandRun haven(String... args) {
        String[] withServer = new String[args.length + 4];
        System.arraycopy(args, 0, withServer, 0, args.length);
        withServer[args.length] = "--server";
        withServer[args.length + 1] = server;
        withServer[args.length + 2] = "--config";
        withServer[args.length + 3] = directory.resolve("config.json").toString();
        return CommandRun.of(withServer);
    }

    @Test
    void aGrantIsForAUserOrAnAppNotBoth() {
        CommandRun run = haven("tenants", "grant", "t1", "--user", "u1", "--app", "a1", "--role", "member");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--user=USER_ID, --app=APP_ID are mutually exclusive");
    }

    @Test
    void aGrantNamesAUserOrAnApp() {
        CommandRun run = haven("projects", "revoke", "p1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Missing required argument", "--user=USER_ID", "--app=APP_ID");
    }

    @Test
    void anUnknownTenantRoleIsRefusedWithTheRolesThatExist() {
        CommandRun run = haven("tenants", "grant", "t1", "--user", "u1", "--role", "owner");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Invalid value for option '--role'",
                "organisation_admin, data_source_manager, data_set_manager, member", "but was 'owner'");
    }

    @Test
    void aTenantRoleIsNotAProjectRole() {
        CommandRun run = haven("projects", "grant", "p1", "--app", "a1", "--role", "organisation_admin");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("expected one of [project_admin, data_user]");
    }

    @Test
    void aKeyExpiryMustBeAnInstant() {
        CommandRun run = haven("apps", "create-key", "--tenant", "t1", "app1", "--name", "ci", "--expires-at", "next week");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--expires-at");
    }

    @Test
    void anAuditResourceIsTypeColonId() {
        CommandRun run = CommandRun.of("audit", "list", "--resource", "tenant", "--server", server,
                "--config", directory.resolve("config.json").toString());

        // Refused before any request is sent, so it says what is wrong with the argument, not "not signed in".
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--resource must look like type:id, not tenant");
    }
}
