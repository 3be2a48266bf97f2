package org.haven.server.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Upload limits ({@code haven.uploads.*}, README settings table). The per-tenant limits count every file row, so
 * the same bytes uploaded twice count twice even though they are stored once.
 *
 * @param maxFileBytes the largest file, streamed or assembled from parts (default 5 GiB)
 * @param maxFilesPerTenant files a tenant may hold across its sources
 * @param maxTenantBytes total size of a tenant's files (default 100 GiB)
 * @param maxPartBytes the largest part of a multipart upload (default 256 MiB)
 * @param uploadExpiry how long a multipart upload may stay unfinished
 * @param sweepInterval how often abandoned multipart uploads are looked for
 */
@Validated
@ConfigurationProperties(prefix = "haven.uploads")
public record UploadSettings(
        @Min(1) @DefaultValue("5368709120") long maxFileBytes,
        @Min(1) @DefaultValue("100000") long maxFilesPerTenant,
        @Min(1) @DefaultValue("107374182400") long maxTenantBytes,
        @Min(1) @DefaultValue("268435456") long maxPartBytes,
        @Min(1) @Max(10000) @DefaultValue("10000") int maxParts,
        @NotNull @DurationMin(minutes = 1) @DefaultValue("24h") Duration uploadExpiry,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("10m") Duration sweepInterval) {}
