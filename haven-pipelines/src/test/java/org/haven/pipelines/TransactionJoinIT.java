package org.haven.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.haven.pipelines.EngineFixture.TENANT;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/** Definitions and runs written inside a Spring-managed transaction commit or roll back with it. */
class TransactionJoinIT {

    private final EngineFixture fixture = new EngineFixture();
    private final DataSource plain = fixture.dataSource();
    private final TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(plain));
    private final PipelineEngine engine = fixture.engine(PipelineEngine.builder(new TransactionAwareDataSourceProxy(plain))
            .stepTypes(StepTypes.of(TestSteps.echo())).settings(EngineFixture.fastSettings()));

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void rollbackLeavesNothingBehind() throws Exception {
        transactions.executeWithoutResult(status -> {
            engine.apply(TENANT, "name: joined\nsteps:\n  - {id: a, type: echo}\n", "alice");
            StartedRun run = engine.startRun(StartRun.latest(TENANT, "joined", "api:1", Map.of()));
            assertThat(run.created()).isTrue();
            status.setRollbackOnly();
        });
        assertThat(count("pipelines")).isZero();
        assertThat(count("pipeline_versions")).isZero();
        assertThat(count("pipeline_runs")).isZero();
        assertThat(count("pipeline_run_events")).isZero();
        assertThat(engine.listPipelines(TENANT)).isEmpty();

        // The same name and version number, now with different steps, is what runs.
        engine.apply(TENANT, "name: joined\nsteps:\n  - {id: other, type: echo}\n", "alice");
        StartedRun run = engine.startRun(StartRun.latest(TENANT, "joined", "api:1", Map.of()));
        assertThat(run.pipelineVersion()).isEqualTo(1);
        RunDetails details = EngineFixture.awaitFinished(engine, run.runId());
        EngineFixture.assertSucceeded(details);
        assertThat(details.steps()).extracting(StepState::stepId).containsExactly("other");
    }

    @Test
    void anExceptionInTheCallersWorkRollsBackTheRun() throws Exception {
        engine.apply(TENANT, "name: joined\nsteps:\n  - {id: a, type: echo}\n", "alice");
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            engine.startRun(StartRun.latest(TENANT, "joined", "upload:abc", Map.of()));
            throw new IllegalStateException("the caller's own write failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(count("pipeline_runs")).isZero();
        assertThat(count("pipeline_run_steps")).isZero();
        // The trigger key is free again: the retry of the whole request starts the run.
        StartedRun again = engine.startRun(StartRun.latest(TENANT, "joined", "upload:abc", Map.of()));
        assertThat(again.created()).isTrue();
        EngineFixture.assertSucceeded(EngineFixture.awaitFinished(engine, again.runId()));
    }

    @Test
    void commitPublishesTheRunWhichThenRuns() throws Exception {
        StartedRun run = transactions.execute(status -> {
            engine.apply(TENANT, "name: joined\nsteps:\n  - {id: a, type: echo}\n", "alice");
            StartedRun started = engine.startRun(StartRun.latest(TENANT, "joined", "api:1", Map.of()));
            try (Connection other = plain.getConnection(); Statement statement = other.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM pipeline_runs")) {
                rows.next();
                assertThat(rows.getLong(1)).as("not visible before the caller commits").isZero();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return started;
        });
        assertThat(count("pipeline_runs")).isEqualTo(1);
        EngineFixture.assertSucceeded(EngineFixture.awaitFinished(engine, run.runId()));
    }

    private long count(String table) throws Exception {
        try (Connection connection = plain.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
