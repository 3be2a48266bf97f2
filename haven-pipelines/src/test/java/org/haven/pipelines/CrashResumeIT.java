package org.haven.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.pipelines.EngineFixture.TENANT;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A process running the engine is SIGKILLed in the middle of a step. A fresh engine detects the dead execution
 * (missed heartbeats) and finishes the run: the killed step's effect is committed exactly once and the steps that
 * had finished are not run again.
 */
class CrashResumeIT {

    private final EngineFixture fixture = new EngineFixture();
    private Process child;

    @AfterEach
    void close() {
        if (child != null) {
            child.destroyForcibly();
        }
        fixture.close();
    }

    static PipelineSettings settings() {
        return EngineFixture.fastSettings();
    }

    /**
     * "prepare" and "finish" record their attempts; "effect" records its start, waits {@code effectDelay}, then
     * inserts its effect row, whose primary key refuses a second insert for the run.
     */
    static StepTypes stepTypes(String process, Duration effectDelay) {
        StepType recorded = TestSteps.step("recorded", context -> {
            CrashingEngineProcess.recordStart(dataSourceOf(context), context, process);
            return StepResult.of(Map.of("by", process));
        });
        StepType effect = TestSteps.step("effect", context -> {
            DataSource dataSource = dataSourceOf(context);
            CrashingEngineProcess.recordStart(dataSource, context, process);
            Thread.sleep(effectDelay.toMillis());
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO crash_effects (run_id, rows_written) VALUES (?, 42)")) {
                insert.setObject(1, context.runId());
                insert.executeUpdate();
            }
            return StepResult.of(Map.of("rows", 42, "by", process));
        });
        return StepTypes.of(recorded, effect);
    }

    /** Steps reach the test database through the run input "jdbc_url" (each process has its own data source). */
    private static DataSource dataSourceOf(StepContext context) {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setURL(context.inputs().get("jdbc_url"));
        return dataSource;
    }

    @Test
    void aRunResumesAfterItsProcessIsKilledMidStep() throws Exception {
        DataSource dataSource = fixture.dataSource();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE crash_step_starts (run_id UUID, step_id TEXT, attempt INT, process TEXT)");
            statement.execute("CREATE TABLE crash_effects (run_id UUID PRIMARY KEY, rows_written INT)");
        }
        // This process only defines and queues: the child is the one engine running.
        PipelineEngine definer = PipelineEngine.builder(dataSource).settings(settings())
                .stepTypes(stepTypes("parent", Duration.ZERO)).build();
        definer.apply(TENANT, """
                name: crashy
                steps:
                  - {id: prepare, type: recorded}
                  - {id: load, type: effect, needs: [prepare]}
                  - {id: finish, type: recorded, needs: [load]}
                """, "alice");
        UUID runId = definer.startRun(StartRun.latest(TENANT, "crashy", "api:crash",
                Map.of("jdbc_url", fixture.database.jdbcUrl()))).runId();

        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingEngineProcess.class.getName(),
                fixture.database.jdbcUrl())
                .redirectErrorStream(true).start();
        Thread output = new Thread(() -> drain(child), "child-output");
        output.setDaemon(true);
        output.start();
        EngineFixture.await(() -> starts(dataSource, "load").size() == 1, Duration.ofSeconds(60),
                () -> "the child never started the load step");
        child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no cleanup
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(definer.getRun(TENANT, runId).orElseThrow().run().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(count(dataSource, "SELECT count(*) FROM crash_effects")).isZero();

        PipelineEngine fresh = fixture.engine(stepTypes("parent", Duration.ofMillis(100)), settings());
        RunDetails details = EngineFixture.awaitFinished(fresh, TENANT, runId, Duration.ofSeconds(60));
        EngineFixture.assertSucceeded(details);
        definer.close();

        assertThat(count(dataSource, "SELECT count(*) FROM crash_effects")).isEqualTo(1);
        assertThat(starts(dataSource, "prepare")).containsExactly("child:1");
        assertThat(starts(dataSource, "load")).containsExactly("child:1", "parent:2");
        assertThat(starts(dataSource, "finish")).containsExactly("parent:1");
        assertThat(EngineFixture.step(details, "load").output()).containsEntry("by", "parent").containsEntry("rows", 42);
        List<RunEvent> events = fresh.events(TENANT, runId, 0, 100);
        assertThat(events).filteredOn(e -> e.type() == RunEventType.STEP_SUCCEEDED && "load".equals(e.stepId())).hasSize(1);
        assertThat(events).filteredOn(e -> e.type() == RunEventType.STEP_STARTED && "load".equals(e.stepId()))
                .extracting(RunEvent::attempt).containsExactly(1, 2);
        assertThat(events).filteredOn(e -> e.type() == RunEventType.STEP_STARTED && "load".equals(e.stepId())
                && e.attempt() == 2).singleElement().extracting(RunEvent::message).asString().contains("interrupted");
    }

    private static List<String> starts(DataSource dataSource, String stepId) {
        List<String> starts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT process, attempt FROM crash_step_starts WHERE step_id = ? ORDER BY attempt")) {
            select.setString(1, stepId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    starts.add(rows.getString(1) + ":" + rows.getInt(2));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return starts;
    }

    private static long count(DataSource dataSource, String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void drain(Process process) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            while (reader.readLine() != null) {
                // keep the pipe from filling up; the child's log is not needed
            }
        } catch (java.io.IOException ignored) {
            // the child was killed
        }
    }
}
