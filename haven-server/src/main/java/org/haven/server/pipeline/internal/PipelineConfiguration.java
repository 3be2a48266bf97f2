package org.haven.server.pipeline.internal;

import java.time.Duration;
import java.util.List;
import org.haven.pipelines.PipelineEngine;
import org.haven.pipelines.PipelineSchemaMigrations;
import org.haven.pipelines.PipelineSettings;
import org.haven.pipelines.StepType;
import org.haven.pipelines.StepTypes;
import org.haven.server.database.MigratedDatabase;
import org.haven.server.pipeline.PipelineRunSettings;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    /** db-scheduler's own minimum: a step is taken over after four missed heartbeats. */
    private static final int MISSED_HEARTBEATS = 4;

    /**
     * The engine writes through the transaction-aware proxy, so starting a run joins the caller's transaction: an
     * upload and the run it triggers commit together or not at all.
     */
    @Bean(destroyMethod = "close")
    PipelineEngine pipelineEngine(MigratedDatabase database, PipelineRunSettings settings, List<StepType> steps,
            BlobRunWorkspaces workspaces) {
        PipelineSchemaMigrations.apply(database.dataSource());
        PipelineSettings engineSettings = PipelineSettings.defaults()
                .withPolling(settings.pollInterval(), settings.threads())
                .withHeartbeat(settings.heartbeatInterval(), MISSED_HEARTBEATS)
                .withMaxRunningRuns(settings.maxRunningRuns())
                .withWorkspaceRetention(settings.workspaceRetention(), Duration.ofMinutes(5));
        return PipelineEngine.builder(new TransactionAwareDataSourceProxy(database.dataSource()))
                .settings(engineSettings)
                .stepTypes(StepTypes.of(steps))
                .workspaces(workspaces)
                .build();
    }

    /** Starts this server's share of the work once everything else is up, and stops it first on shutdown. */
    @Bean
    SmartLifecycle pipelineWork(PipelineEngine engine) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                engine.start();
                running = true;
            }

            @Override
            public void stop() {
                engine.close();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
