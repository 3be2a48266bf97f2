package org.haven.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.haven.testing.TestDatabase;
import org.haven.testing.TestPostgres;

/** A fresh schema with the engine's tables, and engines on it with fast polling; closes them all. */
final class EngineFixture implements AutoCloseable {

    static final String TENANT = "tenant-a";

    final TestDatabase database;
    private final HikariDataSource pool;
    private final List<PipelineEngine> engines = new ArrayList<>();

    EngineFixture() {
        database = TestPostgres.external();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.user());
        config.setMaximumPoolSize(24);
        config.setPoolName("pipelines-test");
        pool = new HikariDataSource(config);
        PipelineSchemaMigrations.apply(pool);
    }

    static PipelineSettings fastSettings() {
        return PipelineSettings.defaults()
                .withPolling(Duration.ofMillis(50), 8)
                .withHeartbeat(Duration.ofMillis(300), 4)
                .withAdmissionSweepInterval(Duration.ofMillis(200))
                .withCronCheckInterval(Duration.ofMillis(200));
    }

    PipelineEngine engine(StepTypes types) {
        return engine(types, fastSettings());
    }

    PipelineEngine engine(StepTypes types, PipelineSettings settings) {
        return engine(PipelineEngine.builder(pool).stepTypes(types).settings(settings));
    }

    PipelineEngine engine(PipelineEngine.Builder builder) {
        PipelineEngine engine = builder.instanceName("engine-" + engines.size()).build();
        engines.add(engine);
        engine.start();
        return engine;
    }

    /** A pooled data source, as the server gives the engine. */
    DataSource dataSource() {
        return pool;
    }

    static RunDetails awaitFinished(PipelineEngine engine, String tenantId, UUID runId, Duration timeout) {
        await(() -> engine.getRun(tenantId, runId).orElseThrow().run().status().isFinished(), timeout,
                () -> "run " + runId + " did not finish: " + engine.getRun(tenantId, runId));
        return engine.getRun(tenantId, runId).orElseThrow();
    }

    static RunDetails awaitFinished(PipelineEngine engine, UUID runId) {
        return awaitFinished(engine, TENANT, runId, Duration.ofSeconds(30));
    }

    static void await(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    static StepState step(RunDetails details, String stepId) {
        return details.steps().stream().filter(step -> step.stepId().equals(stepId)).findFirst().orElseThrow();
    }

    static void assertSucceeded(RunDetails details) {
        assertThat(details.run().status()).as(details.toString()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Override
    public void close() {
        engines.forEach(PipelineEngine::close);
        pool.close();
        database.close();
    }
}
