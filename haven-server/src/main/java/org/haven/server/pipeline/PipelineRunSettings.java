package org.haven.server.pipeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this server takes part in running pipelines ({@code haven.pipelines.*}, README settings table). Every server
 * on the same database shares the work; these settings are per process.
 *
 * @param threads steps this process runs at once
 * @param pollInterval how often this process looks for due steps that other processes scheduled
 * @param heartbeatInterval how often a running step says it is alive; after four missed beats another process
 *     takes it over, so a crashed server's step resumes about four intervals later
 * @param maxRunningRuns runs in progress across all servers, whatever their pipelines' own limits
 * @param workspaceRetention how long a failed or cancelled run's workspace is kept for inspection
 */
@Validated
@ConfigurationProperties(prefix = "haven.pipelines")
public record PipelineRunSettings(
        @Min(1) @Max(256) @DefaultValue("4") int threads,
        @NotNull @DurationMin(millis = 10) @DefaultValue("500ms") Duration pollInterval,
        @NotNull @DurationMin(millis = 100) @DefaultValue("10s") Duration heartbeatInterval,
        @Min(1) @DefaultValue("32") int maxRunningRuns,
        @NotNull @DefaultValue("7d") Duration workspaceRetention) {}
