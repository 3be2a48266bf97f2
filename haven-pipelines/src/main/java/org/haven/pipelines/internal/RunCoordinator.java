package org.haven.pipelines.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.haven.pipelines.PipelineDefinition;
import org.haven.pipelines.PipelineErrorCode;
import org.haven.pipelines.PipelineException;
import org.haven.pipelines.PipelineSettings;
import org.haven.pipelines.RetryPolicy;
import org.haven.pipelines.RunEventType;
import org.haven.pipelines.RunStatus;
import org.haven.pipelines.RunSummary;
import org.haven.pipelines.StartRun;
import org.haven.pipelines.StartedRun;
import org.haven.pipelines.StepDefinition;
import org.haven.pipelines.StepStatus;
import org.haven.pipelines.StepTypes;

/**
 * The run and step state machine. Every transition locks the run row first, so transitions of one run happen one
 * at a time across processes, and a step's completion schedules its successors in the same transaction.
 */
final class RunCoordinator {

    private final JdbcPipelineRepository pipelines;
    private final JdbcRunRepository runs;
    private final StepTypes stepTypes;
    private final PipelineSettings settings;
    private final Clock clock;
    private final Map<String, PipelineDefinition> definitions = new ConcurrentHashMap<>();

    RunCoordinator(JdbcPipelineRepository pipelines, JdbcRunRepository runs, StepTypes stepTypes,
                   PipelineSettings settings, Clock clock) {
        this.pipelines = pipelines;
        this.runs = runs;
        this.stepTypes = stepTypes;
        this.settings = settings;
        this.clock = clock;
    }

    JdbcRunRepository runs() {
        return runs;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * The definition of a stored version; versions never change once committed, so it is parsed once per process.
     * Not cached from a caller's transaction, which may have written the version and may still roll back.
     */
    PipelineDefinition definition(Tx tx, String tenantId, String name, int version) throws SQLException {
        String key = tenantId + "\n" + name + "\n" + version;
        PipelineDefinition cached = definitions.get(key);
        if (cached != null) {
            return cached;
        }
        JdbcPipelineRepository.StoredVersion stored = pipelines.find(tx, tenantId, name, version)
                .orElseThrow(() -> new PipelineException(PipelineErrorCode.PIPELINE_NOT_FOUND,
                        "pipeline " + name + " version " + version + " not found"));
        PipelineDefinition definition = new DefinitionParser(stepTypes, settings, true).parse(stored.yaml());
        if (!tx.joined) {
            definitions.put(key, definition);
        }
        return definition;
    }

    // ---- starting runs

    StartedRun queue(Tx tx, StartRun request) throws SQLException {
        JdbcPipelineRepository.StoredVersion version = pipelines.find(tx, request.tenantId(), request.pipelineName(),
                request.version()).orElseThrow(() -> new PipelineException(PipelineErrorCode.PIPELINE_NOT_FOUND,
                "pipeline " + request.pipelineName() + (request.version() == null ? "" : " version " + request.version())
                        + " not found"));
        if (!version.enabled()) {
            throw new PipelineException(PipelineErrorCode.PIPELINE_DISABLED, "pipeline " + request.pipelineName() + " is disabled");
        }
        PipelineDefinition definition = definition(tx, request.tenantId(), version.name(), version.version());
        UUID runId = UUID.randomUUID();
        Instant now = now();
        RunSummary run = new RunSummary(request.tenantId(), runId, version.name(), version.version(),
                request.triggerKey(), RunStatus.QUEUED, request.inputs(), now, null, null, null,
                workspacePrefix(request.tenantId(), runId), null, 0);
        Optional<UUID> existing = runs.insertRun(tx, run);
        if (existing.isPresent()) {
            return new StartedRun(existing.get(), version.name(), version.version(), false);
        }
        List<StepDefinition> steps = definition.steps();
        for (int i = 0; i < steps.size(); i++) {
            runs.insertStep(tx, request.tenantId(), runId, steps.get(i).id(), i);
        }
        runs.appendEvent(tx, request.tenantId(), runId, RunEventType.RUN_QUEUED, null, null,
                "queued by " + request.triggerKey(), Map.of("trigger_key", request.triggerKey()), now);
        tx.admissionNeeded = true;
        return new StartedRun(runId, version.name(), version.version(), true);
    }

    static String workspacePrefix(String tenantId, UUID runId) {
        return "tenants/" + tenantId + "/workspace/runs/" + runId + "/";
    }

    /** Moves an admitted run to RUNNING and schedules the steps that are ready. */
    void start(Tx tx, RunSummary run) throws SQLException {
        Instant now = now();
        runs.updateRunStatus(tx, run.runId(), RunStatus.RUNNING, now, null, null);
        runs.appendEvent(tx, run.tenantId(), run.runId(), RunEventType.RUN_STARTED, null, null, null, Map.of(), now);
        scheduleReadySteps(tx, run, now);
    }

    private void scheduleReadySteps(Tx tx, RunSummary run, Instant now) throws SQLException {
        PipelineDefinition definition = definition(tx, run.tenantId(), run.pipelineName(), run.pipelineVersion());
        List<JdbcRunRepository.StepRow> rows = runs.steps(tx, run.tenantId(), run.runId());
        Map<String, StepStatus> status = new HashMap<>();
        rows.forEach(row -> status.put(row.stepId(), row.status()));
        for (JdbcRunRepository.StepRow row : rows) {
            if (row.status() != StepStatus.PENDING) {
                continue;
            }
            StepDefinition step = definition.step(row.stepId()).orElseThrow();
            if (step.needs().stream().allMatch(need -> status.get(need) == StepStatus.SUCCEEDED)) {
                runs.updateStep(tx, run.tenantId(), run.runId(), row.stepId(), StepStatus.SCHEDULED, row.attempt(),
                        row.attemptBase(), null, null, null, null, null);
                runs.scheduleStep(tx, run, row.stepId(), now);
            }
        }
    }

    // ---- step attempts

    sealed interface AttemptPlan permits Skip, WaitUntil, Execute {}

    /** The execution is stale (run or step already settled); drop it. */
    record Skip(String reason) implements AttemptPlan {}

    /** Picked before its backoff ended (e.g. revived after a crash): run it at {@code when}. */
    record WaitUntil(Instant when) implements AttemptPlan {}

    record Execute(RunSummary run, StepDefinition step, int attempt, Map<String, Map<String, Object>> upstream)
            implements AttemptPlan {}

    AttemptPlan beginAttempt(Tx tx, UUID runId, String stepId, int retries) throws SQLException {
        Optional<RunSummary> locked = runs.lockRun(tx, runId);
        if (locked.isEmpty()) {
            return new Skip("run " + runId + " does not exist");
        }
        RunSummary run = locked.get();
        Optional<JdbcRunRepository.StepRow> found = runs.step(tx, run.tenantId(), runId, stepId);
        if (found.isEmpty()) {
            return new Skip("step " + stepId + " is not part of run " + runId);
        }
        JdbcRunRepository.StepRow row = found.get();
        if (run.status() != RunStatus.RUNNING) {
            return new Skip("run is " + run.status());
        }
        if (run.retries() != retries) {
            return new Skip("execution belongs to an earlier try of the run");
        }
        Instant now = now();
        switch (row.status()) {
            case SUCCEEDED, FAILED, CANCELLED, PENDING -> {
                return new Skip("step is " + row.status());
            }
            case RETRY_WAIT -> {
                if (row.nextAttemptAt() != null && row.nextAttemptAt().isAfter(now)) {
                    return new WaitUntil(row.nextAttemptAt());
                }
            }
            default -> { }
        }
        PipelineDefinition definition = definition(tx, run.tenantId(), run.pipelineName(), run.pipelineVersion());
        StepDefinition step = definition.step(stepId).orElseThrow();
        String resumed = null;
        if (row.status() == StepStatus.RUNNING) {
            // Only one process holds an execution at a time, so RUNNING here means its last holder died mid-attempt.
            resumed = "attempt " + row.attempt() + " was interrupted (its process stopped)";
            if (row.attempt() - row.attemptBase() >= step.retry().maxAttempts()) {
                failStep(tx, run, row, row.attempt(), resumed + "; no attempts left", now);
                return new Skip("attempts exhausted");
            }
        }
        int attempt = row.attempt() + 1;
        runs.updateStep(tx, run.tenantId(), runId, stepId, StepStatus.RUNNING, attempt, row.attemptBase(), now, null,
                null, null, null);
        runs.appendEvent(tx, run.tenantId(), runId, RunEventType.STEP_STARTED, stepId, attempt, resumed,
                Map.of(), now);
        Map<String, Map<String, Object>> upstream = new LinkedHashMap<>();
        for (JdbcRunRepository.StepRow other : runs.steps(tx, run.tenantId(), runId)) {
            if (other.status() == StepStatus.SUCCEEDED) {
                upstream.put(other.stepId(), Json.objectMap(other.output()));
            }
        }
        return new Execute(run, step, attempt, upstream);
    }

    sealed interface Outcome permits Succeeded, Failed, Cancelled {}

    record Succeeded(Map<String, Object> output) implements Outcome {}

    record Failed(String message, boolean retryable) implements Outcome {}

    record Cancelled() implements Outcome {}

    /** Records an attempt's outcome; returns when to run the step again, if it is to be retried. */
    Optional<Instant> completeAttempt(Tx tx, UUID runId, String stepId, int attempt, Outcome outcome) throws SQLException {
        RunSummary run = runs.lockRun(tx, runId).orElseThrow();
        JdbcRunRepository.StepRow row = runs.step(tx, run.tenantId(), runId, stepId).orElseThrow();
        if (row.status() != StepStatus.RUNNING || row.attempt() != attempt) {
            return Optional.empty(); // a later attempt or a cancel settled the step already
        }
        StepDefinition step = definition(tx, run.tenantId(), run.pipelineName(), run.pipelineVersion())
                .step(stepId).orElseThrow();
        Instant now = now();
        if (outcome instanceof Succeeded succeeded) {
            String output = Json.canonical(succeeded.output());
            runs.updateStep(tx, run.tenantId(), runId, stepId, StepStatus.SUCCEEDED, attempt, row.attemptBase(),
                    row.startedAt(), now, null, null, output);
            runs.appendEvent(tx, run.tenantId(), runId, RunEventType.STEP_SUCCEEDED, stepId, attempt, null,
                    Map.of("duration_ms", now.toEpochMilli() - row.startedAt().toEpochMilli()), now);
            if (run.status() == RunStatus.RUNNING) {
                scheduleReadySteps(tx, run, now);
                finishIfAllSucceeded(tx, run, now);
            }
            return Optional.empty();
        }
        if (outcome instanceof Cancelled || run.status() == RunStatus.CANCELLED) {
            runs.updateStep(tx, run.tenantId(), runId, stepId, StepStatus.CANCELLED, attempt, row.attemptBase(),
                    row.startedAt(), now, null, "cancelled", null);
            return Optional.empty();
        }
        Failed failed = (Failed) outcome;
        RetryPolicy retry = step.retry();
        boolean attemptsLeft = attempt - row.attemptBase() < retry.maxAttempts();
        if (failed.retryable() && attemptsLeft && run.status() == RunStatus.RUNNING) {
            Instant next = now.plus(retry.backoffAfter(attempt - row.attemptBase()));
            runs.updateStep(tx, run.tenantId(), runId, stepId, StepStatus.RETRY_WAIT, attempt, row.attemptBase(),
                    row.startedAt(), now, next, failed.message(), null);
            runs.appendEvent(tx, run.tenantId(), runId, RunEventType.STEP_RETRYING, stepId, attempt, failed.message(),
                    Map.of("next_attempt_at", next.toString(), "backoff_ms", next.toEpochMilli() - now.toEpochMilli()), now);
            return Optional.of(next);
        }
        String reason = failed.retryable()
                ? (attemptsLeft ? failed.message() : failed.message() + " (no attempts left after " + (attempt - row.attemptBase()) + ")")
                : failed.message() + " (not retryable)";
        failStep(tx, run, row, attempt, reason, now);
        return Optional.empty();
    }

    private void failStep(Tx tx, RunSummary run, JdbcRunRepository.StepRow row, int attempt, String reason, Instant now)
            throws SQLException {
        runs.updateStep(tx, run.tenantId(), run.runId(), row.stepId(), StepStatus.FAILED, attempt, row.attemptBase(),
                row.startedAt(), now, null, reason, null);
        runs.appendEvent(tx, run.tenantId(), run.runId(), RunEventType.STEP_FAILED, row.stepId(), attempt, reason,
                Map.of(), now);
        if (run.status() == RunStatus.RUNNING) {
            runs.updateRunStatus(tx, run.runId(), RunStatus.FAILED, null, now, "step " + row.stepId() + " failed: " + reason);
            runs.unscheduleSteps(tx, run.runId());
            runs.appendEvent(tx, run.tenantId(), run.runId(), RunEventType.RUN_FAILED, row.stepId(), null, reason,
                    Map.of(), now);
            tx.admissionNeeded = true;
        }
    }

    private void finishIfAllSucceeded(Tx tx, RunSummary run, Instant now) throws SQLException {
        boolean done = runs.steps(tx, run.tenantId(), run.runId()).stream()
                .allMatch(step -> step.status() == StepStatus.SUCCEEDED);
        if (done) {
            runs.updateRunStatus(tx, run.runId(), RunStatus.SUCCEEDED, null, now, null);
            runs.appendEvent(tx, run.tenantId(), run.runId(), RunEventType.RUN_SUCCEEDED, null, null, null, Map.of(), now);
            tx.finishedRuns.add(new Tx.FinishedRun(run.tenantId(), run.runId(), run.workspacePrefix()));
            tx.admissionNeeded = true;
        }
    }

    // ---- cancel and retry

    RunSummary cancel(Tx tx, String tenantId, UUID runId) throws SQLException {
        RunSummary run = lockOwnRun(tx, tenantId, runId);
        if (run.status().isFinished()) {
            if (run.status() == RunStatus.CANCELLED) {
                return run;
            }
            throw new PipelineException(PipelineErrorCode.RUN_STATE_CONFLICT, "run " + runId + " already " + run.status());
        }
        Instant now = now();
        runs.updateRunStatus(tx, runId, RunStatus.CANCELLED, null, now, "cancelled");
        runs.unscheduleSteps(tx, runId);
        for (JdbcRunRepository.StepRow row : runs.steps(tx, tenantId, runId)) {
            if (row.status() == StepStatus.PENDING || row.status() == StepStatus.SCHEDULED
                    || row.status() == StepStatus.RETRY_WAIT) {
                runs.updateStep(tx, tenantId, runId, row.stepId(), StepStatus.CANCELLED, row.attempt(), row.attemptBase(),
                        row.startedAt(), now, null, "cancelled", null);
            }
        }
        runs.appendEvent(tx, tenantId, runId, RunEventType.RUN_CANCELLED, null, null, null, Map.of(), now);
        tx.admissionNeeded = true;
        return runs.findRun(tx, tenantId, runId).orElseThrow();
    }

    /** Queues a failed run again; its failed and unfinished steps start over, succeeded steps keep their output. */
    RunSummary retry(Tx tx, String tenantId, UUID runId) throws SQLException {
        RunSummary run = lockOwnRun(tx, tenantId, runId);
        if (run.status() != RunStatus.FAILED) {
            throw new PipelineException(PipelineErrorCode.RUN_STATE_CONFLICT,
                    "only a failed run can be retried; run " + runId + " is " + run.status());
        }
        if (runs.steps(tx, tenantId, runId).stream().anyMatch(step -> step.status() == StepStatus.RUNNING)) {
            throw new PipelineException(PipelineErrorCode.RUN_STATE_CONFLICT,
                    "run " + runId + " still has a step running; retry once it has stopped");
        }
        Instant now = now();
        for (JdbcRunRepository.StepRow row : runs.steps(tx, tenantId, runId)) {
            if (row.status() != StepStatus.SUCCEEDED) {
                runs.updateStep(tx, tenantId, runId, row.stepId(), StepStatus.PENDING, row.attempt(), row.attempt(),
                        null, null, null, null, null);
            }
        }
        runs.updateRunStatus(tx, runId, RunStatus.QUEUED, null, null, null);
        runs.appendEvent(tx, tenantId, runId, RunEventType.RUN_QUEUED, null, null, "retry", Map.of("retry", true), now);
        tx.admissionNeeded = true;
        return runs.findRun(tx, tenantId, runId).orElseThrow();
    }

    private RunSummary lockOwnRun(Tx tx, String tenantId, UUID runId) throws SQLException {
        return runs.lockRun(tx, runId).filter(run -> run.tenantId().equals(tenantId))
                .orElseThrow(() -> new PipelineException(PipelineErrorCode.RUN_NOT_FOUND, "run " + runId + " not found"));
    }
}
