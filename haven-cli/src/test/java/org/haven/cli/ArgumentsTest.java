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

    @Test
    void aRunStatusIsOneThatExists() {
        CommandRun run = haven("runs", "list", "--tenant", "t1", "--status", "done");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--status", "queued, running, succeeded, failed, cancelled", "'done'");
    }

    @Test
    void aWaitTimeoutIsADuration() {
        CommandRun run = haven("runs", "wait", "9f0e4a52-7c1b-4e7a-9d0e-2b6a3c4d5e6f", "--tenant", "t1", "--timeout", "forever");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--timeout", "'forever' is not a duration such as 30s, 10m or 2h");
    }

    @Test
    void aRunCommandNamesItsTenant() {
        CommandRun run = haven("runs", "show", "9f0e4a52-7c1b-4e7a-9d0e-2b6a3c4d5e6f");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Missing required option: '--tenant=TENANT_ID'");
    }

    @Test
    void aRunIdIsAUuid() {
        CommandRun run = haven("runs", "logs", "last-night", "--tenant", "t1", "--follow");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("RUN_ID must be a run's id (a UUID, as 'haven runs list' shows it), not last-night");
    }

    @Test
    void aRunInputIsKeyEqualsValue() {
        CommandRun run = haven("pipelines", "run", "ingest", "--tenant", "t1", "--input", "file_id");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("should be in KEY=VALUE format");
    }

    @Test
    void aDefinitionWithAnUnfilledPlaceholderIsNotSent() {
        CommandRun run = haven("pipelines", "apply", "../examples/demo/pipeline.yaml", "--tenant", "t1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("haven: the definition needs a value for DATASET_ID (add --set DATASET_ID=VALUE)"
                + System.lineSeparator());
    }

    @Test
    void aVersionDownloadsInAKnownFormatToAFile() {
        CommandRun format = haven("versions", "download", "d1", "1", "--format", "xlsx", "-o", directory.resolve("x").toString());
        assertThat(format.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(format.err()).contains("csv, ndjson, parquet");

        CommandRun noFile = haven("versions", "download", "d1", "1");
        assertThat(noFile.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFile.err()).contains("Missing required option: '--out=OUT'");

        CommandRun notANumber = haven("versions", "show", "d1", "latest");
        assertThat(notANumber.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(notANumber.err()).contains("'latest' is not an int");

        CommandRun noDirectory = haven("versions", "download", "d1", "1", "-o", directory.resolve("no/such/x.csv").toString());
        assertThat(noDirectory.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noDirectory.err()).contains("is not a directory");
    }

    @Test
    void anAggregateFilterAndMeasureHaveTheirShortForms() {
        CommandRun filter = haven("datasets", "aggregate", "d1", "1", "--filter", "age~18");
        assertThat(filter.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(filter.err()).contains("'age~18' is not a filter such as age>=18", "=, !=, <, <=, >, >=");

        CommandRun noValue = haven("datasets", "aggregate", "d1", "1", "--filter", "age>=");
        assertThat(noValue.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noValue.err()).contains("'age>=' has no value after >=");

        CommandRun measure = haven("datasets", "aggregate", "d1", "1", "--measure", "median:age");
        assertThat(measure.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(measure.err()).contains("'median:age' is not a measure", "count, count_distinct, sum, mean, min, max");
    }
}
