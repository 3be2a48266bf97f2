package org.haven.server.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * DuckDB's share of the machine when it writes or reads dataset versions ({@code haven.datasets.*}, README settings
 * table). Its memory is native, on top of the JVM heap; past the limit it spills to the data directory.
 *
 * @param duckdbMemoryBytes native memory one DuckDB task may use before spilling to disk
 * @param duckdbThreads threads one DuckDB task may use
 */
@Validated
@ConfigurationProperties(prefix = "haven.datasets")
public record DatasetStorageSettings(
        @Min(67108864) @DefaultValue("536870912") long duckdbMemoryBytes,
        @Min(1) @Max(64) @DefaultValue("2") int duckdbThreads) {}
