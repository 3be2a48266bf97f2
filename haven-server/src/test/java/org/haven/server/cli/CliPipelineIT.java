package org.haven.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.server.cli.CliAgainstServerIT.haven;
import static org.haven.server.cli.CliAgainstServerIT.havenWithInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.haven.server.RunningServer;
import org.haven.server.cli.CliAgainstServerIT.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The README tour's second half through the {@code haven} command: the demo pipeline applied, the demo CSV uploaded,
 * the run it triggers followed to the end, and the published version listed and downloaded; then what the commands
 * say when a definition is invalid, a file has too many bad rows, or a run does not exist.
 */
class CliPipelineIT extends RunningServer {

    private static final Path DEMO = Path.of("..", "examples", "demo");
    private static final int DEMO_ROWS = 200;
    private static final int DEMO_INVALID_ROWS = 7;

    @TempDir
    Path directory;

    private Path admin;
    private String tenant;
    private String source;
    private String dataset;

    @BeforeEach
    void aTenantWithTheDemoSourceAndDataset() {
        admin = directory.resolve("admin.json");
        Run login = havenWithInput(ADMIN_PASSWORD + "\n", "login", "--server", uri("").toString(), "--user", ADMIN,
                "--password-stdin", "--config", admin.toString());
        assertThat(login.exitCode()).as(login.err()).isZero();
        String slug = "cli-pipe-" + UUID.randomUUID().toString().substring(0, 8);
        tenant = json(haven(admin, "tenants", "create", slug, "--name", "GP practices", "-o", "json")).path("id").asString();
        source = json(haven(admin, "sources", "create", "--tenant", tenant, "gp-uploads", "-o", "json")).path("id").asString();
        dataset = json(haven(admin, "datasets", "create", "--tenant", tenant, "--name", "patients", "--schema",
                DEMO.resolve("patients.schema.json").toString(), "-o", "json")).path("id").asString();
    }

    @Test
    void theDemoUploadIsValidatedPublishedAndDownloaded() throws IOException {
        Run applied = applyDemo();
        assertThat(applied.out()).isEqualTo("applied pipeline patients-ingest version 1" + System.lineSeparator());
        assertThat(applyDemo().out()).contains("pipeline patients-ingest unchanged: version 1");
        assertThat(ok(haven(admin, "pipelines", "list", "--tenant", tenant)).out()).contains("patients-ingest", "true");
        assertThat(ok(haven(admin, "pipelines", "show", "patients-ingest", "--tenant", tenant)).out())
                .contains("name: patients-ingest", "dataset: \"" + dataset + "\"");

        ok(haven(admin, "upload", DEMO.resolve("patients.csv").toString(), "--source", source));

        JsonNode runs = json(haven(admin, "runs", "list", "--tenant", tenant, "-o", "json")).path("items");
        assertThat(runs.size()).as(runs.toString()).isEqualTo(1);
        String run = runs.get(0).path("run_id").asString();
        assertThat(ok(haven(admin, "runs", "list", "--tenant", tenant, "--pipeline", "patients-ingest")).out())
                .contains(run, "patients-ingest");

        Run followed = haven(admin, "runs", "logs", run, "--tenant", tenant, "--follow");
        assertThat(followed.exitCode()).as(followed.out() + followed.err()).isZero();
        List<String> lines = followed.out().lines().map(line -> line.substring(line.indexOf("  ") + 2)).toList();
        assertThat(lines).startsWith("run queued (queued by upload:" + sha256Of(runs.get(0)) + ")", "run started")
                .contains("land: started, attempt 1", "land: succeeded",
                        "validate: read " + DEMO_ROWS + " records: " + (DEMO_ROWS - DEMO_INVALID_ROWS) + " valid, "
                                + DEMO_INVALID_ROWS + " rejected (nhs_number: MISSING_REQUIRED 1, nhs_number: INVALID_NHS_NUMBER 1, "
                                + "postcode: INVALID_POSTCODE 1, date_of_birth: NOT_A_DATE 1, sex: NOT_IN_CODE_LIST 1, "
                                + "email: INVALID_EMAIL 1, height_cm: OUT_OF_RANGE 1)",
                        "publish: published version 1 of dataset " + dataset + " (" + (DEMO_ROWS - DEMO_INVALID_ROWS) + " rows)")
                .endsWith("run succeeded");
        // Every event once, in order.
        assertThat(lines).doesNotHaveDuplicates();
        List<JsonNode> events = ok(haven(admin, "runs", "logs", run, "--tenant", tenant, "--follow", "-o", "json")).out()
                .lines().map(JSON::readTree).toList();
        assertThat(events).hasSameSizeAs(lines);
        assertThat(events.get(events.size() - 1).path("type").asString()).isEqualTo("RUN_SUCCEEDED");
        assertThat(events).extracting(event -> event.path("sequence").asLong()).isSorted().doesNotHaveDuplicates();

        Run shown = ok(haven(admin, "runs", "show", run, "--tenant", tenant));
        assertThat(shown.out()).contains("status:", "SUCCEEDED", "file_id=");
        assertThat(shown.out().lines().filter(line -> line.matches("(land|validate|publish) +\\w+ +SUCCEEDED +1"))).hasSize(3);
        assertThat(ok(haven(admin, "runs", "logs", run, "--tenant", tenant)).out()).contains("validate: read 200 records")
                .doesNotContain("run started");
        assertThat(ok(haven(admin, "runs", "wait", run, "--tenant", tenant, "--timeout", "10s")).out()).contains("SUCCEEDED");

        JsonNode versions = json(haven(admin, "versions", "list", dataset, "-o", "json"));
        assertThat(versions.size()).isEqualTo(1);
        assertThat(versions.get(0).path("row_count").asLong()).isEqualTo(DEMO_ROWS - DEMO_INVALID_ROWS);
        assertThat(ok(haven(admin, "versions", "list", dataset)).out()).contains("193", "patients-ingest v1", run);
        assertThat(ok(haven(admin, "versions", "show", dataset, "1")).out()).contains("rows:", "193", "run:", run);

        Path csv = directory.resolve("patients-v1.csv");
        Run downloaded = ok(haven(admin, "versions", "download", dataset, "1", "-o", csv.toString()));
        assertThat(downloaded.out()).contains("downloaded version 1 of dataset " + dataset + " as csv to " + csv);
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo(Files.readAllLines(DEMO.resolve("patients.csv")).get(0));
        assertThat(rows).hasSize(1 + DEMO_ROWS - DEMO_INVALID_ROWS);
        assertThat(directory.toFile().list()).noneMatch(name -> name.endsWith(".part"));

        Path ndjson = directory.resolve("ids.ndjson");
        ok(haven(admin, "versions", "download", dataset, "1", "--format", "ndjson", "--columns", "nhs_number,sex",
                "-o", ndjson.toString()));
        List<String> records = Files.readAllLines(ndjson);
        assertThat(records).hasSize(DEMO_ROWS - DEMO_INVALID_ROWS);
        assertThat(JSON.readTree(records.get(0)).propertyNames()).containsExactly("nhs_number", "sex");

        Path parquet = directory.resolve("patients.parquet");
        ok(haven(admin, "versions", "download", dataset, "1", "--format", "parquet", "-o", parquet.toString()));
        assertThat(new String(Files.readAllBytes(parquet), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PAR1");

        // The quarantined rows, to fix and resend: one NDJSON record per invalid row, with its raw values.
        Path rejects = directory.resolve("rejects.ndjson");
        assertThat(ok(haven(admin, "versions", "rejects", dataset, run, "-o", rejects.toString())).out())
                .contains("rejected for dataset " + dataset);
        List<String> rejected = Files.readAllLines(rejects);
        assertThat(rejected).hasSize(DEMO_INVALID_ROWS);
        assertThat(JSON.readTree(rejected.get(0)).path("errors").isArray()).isTrue();

        // A version that does not exist: refused, and nothing is written.
        Path missing = directory.resolve("v9.csv");
        Run refused = haven(admin, "versions", "download", dataset, "9", "-o", missing.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("(not-found)");
        assertThat(missing).doesNotExist();
        Run unknownColumn = haven(admin, "versions", "download", dataset, "1", "--columns", "shoe_size", "-o", missing.toString());
        assertThat(unknownColumn.exitCode()).isEqualTo(1);
        assertThat(unknownColumn.err()).contains("shoe_size");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aRunStartedByHandWithAKeyStartsOnceAndADisabledPipelineStartsNone() {
        ok(applyDemo());
        String file = json(haven(admin, "upload", DEMO.resolve("patients.csv").toString(), "--source", source,
                "--path", "manual/patients.txt", "-o", "json")).path("id").asString();
        assertThat(json(haven(admin, "runs", "list", "--tenant", tenant, "-o", "json")).path("items").size())
                .as("a .txt path is not the trigger's glob").isZero();

        Run started = haven(admin, "pipelines", "run", "patients-ingest", "--tenant", tenant, "--input", "source_id=" + source,
                "--input", "file_id=" + file, "--idempotency-key", "january", "--wait", "--timeout", "2m");
        assertThat(started.exitCode()).as(started.out() + started.err()).isZero();
        assertThat(started.out()).contains("started run ", "of pipeline patients-ingest version 1", "SUCCEEDED");
        String run = started.out().lines().findFirst().orElseThrow().split(" ")[2];

        Run again = ok(haven(admin, "pipelines", "run", "patients-ingest", "--tenant", tenant, "--input", "source_id=" + source,
                "--input", "file_id=" + file, "--idempotency-key", "january"));
        assertThat(again.out()).contains("run " + run + " of pipeline patients-ingest version 1 was started before");

        assertThat(ok(haven(admin, "pipelines", "disable", "patients-ingest", "--tenant", tenant)).out())
                .contains("pipeline patients-ingest is disabled (version 1)");
        Run refused = haven(admin, "pipelines", "run", "patients-ingest", "--tenant", tenant, "--input", "source_id=" + source,
                "--input", "file_id=" + file);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("disabled", "(conflict)");
        assertThat(ok(haven(admin, "pipelines", "enable", "patients-ingest", "--tenant", tenant)).out()).contains("is enabled");
        assertThat(json(haven(admin, "runs", "list", "--tenant", tenant, "-o", "json")).path("items").size()).isEqualTo(1);
    }

    @Test
    void aFileWithTooManyBadRowsFailsTheRunAndARetryFailsAgain() throws IOException {
        ok(applyDemo());
        // Twelve rows without their required NHS number: more than the ten the demo pipeline sets aside.
        List<String> demo = Files.readAllLines(DEMO.resolve("patients.csv"));
        StringBuilder bad = new StringBuilder(demo.get(0)).append('\n');
        demo.subList(1, 13).forEach(row -> bad.append(row.substring(row.indexOf(','))).append('\n'));
        Path file = Files.writeString(directory.resolve("bad.csv"), bad);
        ok(haven(admin, "upload", file.toString(), "--source", source, "--path", "incoming/bad.csv"));
        String run = json(haven(admin, "runs", "list", "--tenant", tenant, "-o", "json")).path("items").get(0)
                .path("run_id").asString();

        Run followed = haven(admin, "runs", "logs", run, "--tenant", tenant, "-f");
        assertThat(followed.exitCode()).as(followed.out()).isEqualTo(1);
        assertThat(followed.out()).contains("validate: failed: ", "(not retryable)", "run failed at step validate");
        Run shown = ok(haven(admin, "runs", "show", run, "--tenant", tenant));
        assertThat(shown.out()).contains("FAILED", "more than 10 records are invalid");
        assertThat(shown.out().lines().filter(line -> line.matches("publish +publish +PENDING +0"))).hasSize(1);
        assertThat(ok(haven(admin, "runs", "list", "--tenant", tenant, "--status", "failed")).out()).contains(run);
        assertThat(ok(haven(admin, "runs", "list", "--tenant", tenant, "--status", "succeeded")).out()).contains("(none)");

        Run cancel = haven(admin, "runs", "cancel", run, "--tenant", tenant);
        assertThat(cancel.exitCode()).isEqualTo(1);
        assertThat(cancel.err()).contains("(conflict)");

        assertThat(ok(haven(admin, "runs", "retry", run, "--tenant", tenant)).out()).contains("run " + run + " is QUEUED again (retry 1)");
        Run waited = haven(admin, "runs", "wait", run, "--tenant", tenant, "--timeout", "2m");
        assertThat(waited.exitCode()).as(waited.out() + waited.err()).isEqualTo(1);
        assertThat(waited.out()).containsPattern("retries: +1").containsPattern("validate +validate +FAILED +2 ");
        assertThat(json(haven(admin, "versions", "list", dataset, "-o", "json")).size()).isZero();
        assertThat(ok(haven(admin, "versions", "list", dataset)).out()).contains("(none)");
    }

    @Test
    void anInvalidDefinitionIsRefusedWithEveryProblemAndNothingIsApplied() throws IOException {
        Path broken = Files.writeString(directory.resolve("broken.yaml"), """
                name: broken
                steps:
                  - {id: land, type: land}
                  - {id: validate, type: validate, needs: [land], params: {dataset: not-an-id, colour: red}}
                  - {id: copy, type: teleport, needs: [validate]}
                """);

        Run refused = haven(admin, "pipelines", "apply", broken.toString(), "--tenant", tenant);

        assertThat(refused.exitCode()).isEqualTo(1);
        List<String> lines = refused.err().lines().toList();
        assertThat(lines.get(0)).startsWith("haven: The pipeline definition has ").endsWith("(invalid-pipeline)");
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(1, 4)).allMatch(line -> line.startsWith("  line "));
        assertThat(refused.err()).contains("'dataset' must be the id of a dataset", "unknown param 'colour'",
                "unknown step type 'teleport'");
        assertThat(ok(haven(admin, "pipelines", "list", "--tenant", tenant)).out()).contains("(none)");

        Run notThere = haven(admin, "pipelines", "show", "broken", "--tenant", tenant);
        assertThat(notThere.exitCode()).isEqualTo(1);
        assertThat(notThere.err()).contains("No such pipeline (not-found)");
        ok(applyDemo());
        Run noVersion = haven(admin, "pipelines", "show", "patients-ingest", "--tenant", tenant, "-n", "2");
        assertThat(noVersion.exitCode()).isEqualTo(1);
        assertThat(noVersion.err()).contains("pipeline patients-ingest has no version 2 (latest: 1)");
    }

    @Test
    void anUnknownRunIsNotFound() {
        String unknown = UUID.randomUUID().toString();
        for (String command : List.of("show", "logs", "retry", "cancel", "wait")) {
            Run run = haven(admin, "runs", command, unknown, "--tenant", tenant);
            assertThat(run.exitCode()).as(command).isEqualTo(1);
            assertThat(run.err().lines()).as(command).singleElement().asString()
                    .matches("haven: (No such run|run " + unknown + " not found) \\(not-found\\)");
        }
        Run followed = haven(admin, "runs", "logs", unknown, "--tenant", tenant, "--follow");
        assertThat(followed.exitCode()).isEqualTo(1);
        assertThat(followed.err()).contains("(not-found)");

        Run notAnId = haven(admin, "runs", "show", "last-night", "--tenant", tenant);
        assertThat(notAnId.exitCode()).isEqualTo(2);
        assertThat(notAnId.err()).contains("RUN_ID must be a run's id");
    }

    @Test
    void theDemoThroughTheDeidentifyingPipelinePublishesTokensAndAProjectReadsItsOwn() throws IOException {
        ok(haven(admin, "pipelines", "apply", DEMO.resolve("pipeline-deidentified.yaml").toString(), "--tenant", tenant,
                "--set", "DATASET_ID=" + dataset));
        ok(haven(admin, "upload", DEMO.resolve("patients.csv").toString(), "--source", source));
        String run = json(haven(admin, "runs", "list", "--tenant", tenant, "-o", "json")).path("items").get(0)
                .path("run_id").asString();
        Run waited = haven(admin, "runs", "wait", run, "--tenant", tenant, "--timeout", "60s");
        assertThat(waited.exitCode()).as(waited.out() + waited.err()).isZero();
        assertThat(ok(haven(admin, "runs", "logs", run, "--tenant", tenant)).out())
                .contains("deidentify: de-identified " + (DEMO_ROWS - DEMO_INVALID_ROWS) + " records of dataset patients");

        JsonNode listed = json(haven(admin, "datasets", "list", "--tenant", tenant, "--name-prefix", "patients_de", "-o", "json"));
        String deidentified = listed.path("items").get(0).path("id").asString();
        Path csv = directory.resolve("deidentified.csv");
        ok(haven(admin, "versions", "download", deidentified, "1", "-o", csv.toString()));
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(1 + DEMO_ROWS - DEMO_INVALID_ROWS);
        String[] first = rows.get(1).split(",");
        assertThat(first[0]).startsWith("tk_");
        assertThat(first[1]).startsWith("tk_");
        assertThat(first[2]).isEqualTo("L8");
        assertThat(first[3]).isEqualTo("2006");
        String demo = Files.readString(DEMO.resolve("patients.csv"));
        for (String row : demo.lines().skip(1).toList()) {
            String nhsNumber = row.split(",")[0];
            if (nhsNumber.length() == 10) {
                assertThat(rows).noneMatch(line -> line.contains(nhsNumber));
            }
        }
        assertThat(String.join("\n", rows)).doesNotContain("@example.org");

        // The raw dataset granted pseudonymised: the project's data user reads tokens of the project's own scope.
        Caller analyst = newUser("cli-analyst");
        String project = json(haven(admin, "projects", "create", "--tenant", tenant, "Obesity study", "-o", "json"))
                .path("id").asString();
        ok(haven(admin, "projects", "grant", project, "--user", analyst.id(), "--role", "data_user"));
        ok(haven(admin, "grants", "add", dataset, "--project", project, "--result-type", "PSEUDONYMISED"));
        Path analystConfig = directory.resolve("analyst.json");
        assertThat(havenWithInput(analyst.password() + "\n", "login", "--server", uri("").toString(), "--user",
                analyst.username(), "--password-stdin", "--config", analystConfig.toString()).exitCode()).isZero();
        Path extract = directory.resolve("extract.csv");
        ok(haven(analystConfig, "versions", "download", dataset, "1", "-o", extract.toString()));
        List<String> extracted = Files.readAllLines(extract);
        assertThat(extracted).hasSize(1 + DEMO_ROWS - DEMO_INVALID_ROWS);
        String token = extracted.get(1).split(",")[0];
        assertThat(token).startsWith("tk_").isNotEqualTo(first[0]);
        assertThat(extracted.get(1).split(",")[2]).isEqualTo("L8 9NS");
    }

    private Run applyDemo() {
        return ok(haven(admin, "pipelines", "apply", DEMO.resolve("pipeline.yaml").toString(), "--tenant", tenant,
                "--set", "DATASET_ID=" + dataset));
    }

    private static String sha256Of(JsonNode run) {
        return run.path("trigger_key").asString().substring("upload:".length());
    }

    private static Run ok(Run run) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return run;
    }

    private static JsonNode json(Run run) {
        return JSON.readTree(ok(run).out());
    }
}
