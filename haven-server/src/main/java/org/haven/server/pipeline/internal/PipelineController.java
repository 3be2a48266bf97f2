package org.haven.server.pipeline.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.pipelines.AppliedPipeline;
import org.haven.pipelines.PipelineEngine;
import org.haven.pipelines.PipelineVersion;
import org.haven.pipelines.StartRun;
import org.haven.pipelines.StartedRun;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.identity.Actors;
import org.haven.server.identity.CurrentPrincipal;
import org.haven.server.web.RequiresPermission;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's pipelines: definitions (YAML, versioned: applying an unchanged definition keeps its version), and
 * runs started by hand. Managing and running them takes {@code manage_datasets} on the tenant, since runs write
 * its datasets; the tenant's people may look.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/pipelines")
class PipelineController {

    private static final int MAX_DEFINITION_CHARS = 256 * 1024;
    private static final int MAX_IDEMPOTENCY_KEY_CHARS = 200;

    private final PipelineEngine engine;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;

    PipelineController(PipelineEngine engine, AuditTrail audit, TransactionTemplate transactions) {
        this.engine = engine;
        this.audit = audit;
        this.transactions = transactions;
    }

    record ApplyPipeline(String definition) {}

    record StartPipelineRun(Integer version, Map<String, String> inputs) {}

    /** A version of a pipeline as stored, with its YAML text. */
    record PipelineDocument(String name, int version, boolean enabled, String appliedBy, Instant appliedAt,
            String definition) {

        static PipelineDocument of(PipelineVersion version) {
            return new PipelineDocument(version.name(), version.version(), version.enabled(), version.appliedBy(),
                    version.appliedAt(), version.yaml());
        }
    }

    record Enabled(Boolean enabled) {}

    /** 201 with the new version; 200 with the latest one ({@code created: false}) when the definition is unchanged. */
    @PostMapping
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "manage_datasets")
    ResponseEntity<AppliedPipeline> apply(@PathVariable UUID tenantId, @RequestBody ApplyPipeline request) {
        if (request.definition() == null || request.definition().isBlank()) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, "definition must hold the pipeline's YAML");
        }
        if (request.definition().length() > MAX_DEFINITION_CHARS) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED,
                    "definition must be at most " + MAX_DEFINITION_CHARS + " characters");
        }
        AppliedPipeline applied = transactions.execute(status -> {
            AppliedPipeline result = PipelineProblems.call(() -> engine.apply(tenantId.toString(), request.definition(),
                    CurrentPrincipal.require().subject().toString()));
            if (result.created()) {
                audit.record(Actors.current(), "pipeline.apply", new AuditResource("pipeline", tenantId + "/" + result.name()),
                        Decision.SUCCEEDED, null, Map.of("version", Integer.toString(result.version())));
            }
            return result;
        });
        return ResponseEntity.status(applied.created() ? HttpStatus.CREATED : HttpStatus.OK).body(applied);
    }

    @GetMapping
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "view")
    List<PipelineDocument> list(@PathVariable UUID tenantId) {
        return engine.listPipelines(tenantId.toString()).stream().map(PipelineDocument::of).toList();
    }

    /** Every version of the pipeline, newest first. */
    @GetMapping("/{name}")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "view")
    List<PipelineDocument> versions(@PathVariable UUID tenantId, @PathVariable String name) {
        List<PipelineVersion> versions = engine.listVersions(tenantId.toString(), name);
        if (versions.isEmpty()) {
            throw new HavenException(ErrorCode.NOT_FOUND, "No such pipeline");
        }
        return versions.stream().map(PipelineDocument::of).toList();
    }

    @PatchMapping("/{name}")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "manage_datasets")
    PipelineDocument setEnabled(@PathVariable UUID tenantId, @PathVariable String name, @RequestBody Enabled request) {
        if (request.enabled() == null) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED, "enabled must be true or false");
        }
        return transactions.execute(status -> {
            PipelineProblems.call(() -> {
                engine.setEnabled(tenantId.toString(), name, request.enabled());
                return null;
            });
            audit.record(Actors.current(), request.enabled() ? "pipeline.enable" : "pipeline.disable",
                    new AuditResource("pipeline", tenantId + "/" + name), Decision.SUCCEEDED, null, Map.of());
            return PipelineDocument.of(engine.getPipeline(tenantId.toString(), name, null).orElseThrow());
        });
    }

    /**
     * Starts a run. With an {@code Idempotency-Key} the same key (from the same caller, for the same pipeline
     * version) returns the run it started first, with 200 instead of 201.
     */
    @PostMapping("/{name}/runs")
    @RequiresPermission(resourceType = "tenant", idFrom = "tenantId", permission = "manage_datasets")
    ResponseEntity<StartedRun> run(@PathVariable UUID tenantId, @PathVariable String name,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody(required = false) StartPipelineRun request) {
        String subject = CurrentPrincipal.require().subject().toString();
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_CHARS)) {
            throw new HavenException(ErrorCode.VALIDATION_FAILED,
                    "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY_CHARS + " characters");
        }
        String triggerKey = "api:" + subject + ":" + (idempotencyKey == null ? UUID.randomUUID() : idempotencyKey);
        Map<String, String> inputs = new LinkedHashMap<>(
                request == null || request.inputs() == null ? Map.of() : request.inputs());
        inputs.put("started_by", subject);
        Integer version = request == null ? null : request.version();
        StartedRun started = transactions.execute(status -> {
            StartedRun run = PipelineProblems.call(() -> engine.startRun(
                    new StartRun(tenantId.toString(), name, version, triggerKey, inputs)));
            if (run.created()) {
                audit.record(Actors.current(), "pipeline.run", new AuditResource("pipeline_run", run.runId().toString()),
                        Decision.SUCCEEDED, null, Map.of("pipeline", name, "version", Integer.toString(run.pipelineVersion())));
            }
            return run;
        });
        engine.admitQueuedRuns();
        return ResponseEntity.status(started.created() ? HttpStatus.CREATED : HttpStatus.OK).body(started);
    }
}
