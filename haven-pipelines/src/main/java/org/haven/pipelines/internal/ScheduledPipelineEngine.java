package org.haven.pipelines.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.haven.pipelines.AppliedPipeline;
import org.haven.pipelines.ObjectAdded;
import org.haven.pipelines.PipelineDefinition;
import org.haven.pipelines.PipelineEngine;
import org.haven.pipelines.PipelineErrorCode;
import org.haven.pipelines.PipelineException;
import org.haven.pipelines.PipelineSettings;
import org.haven.pipelines.PipelineVersion;
import org.haven.pipelines.RunDetails;
import org.haven.pipelines.RunEvent;
import org.haven.pipelines.RunEventListener;
import org.haven.pipelines.RunEventType;
import org.haven.pipelines.RunPage;
import org.haven.pipelines.RunQuery;
import org.haven.pipelines.RunSummary;
import org.haven.pipelines.RunWorkspaces;
import org.haven.pipelines.StartRun;
import org.haven.pipelines.StartedRun;
import org.haven.pipelines.StepDefinition;
import org.haven.pipelines.StepState;
import org.haven.pipelines.StepTypes;
import org.haven.pipelines.TenantIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link PipelineEngine} on db-scheduler: see docs/adr/0006-pipelines-on-db-scheduler.md. */
public final class ScheduledPipelineEngine implements PipelineEngine {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledPipelineEngine.class);
    static final String CRON_TASK = "haven-pipeline-cron";
    static final String CLEANUP_TASK = "haven-pipeline-workspace-cleanup";

    private final PipelineSettings settings;
    private final StepTypes stepTypes;
    private final Clock clock;
    private final Transactions transactions;
    private final JdbcPipelineRepository pipelines = new JdbcPipelineRepository();
    private final JdbcRunRepository runs = new JdbcRunRepository();
    private final RunCoordinator coordinator;
    private final Admission admission;
    private final Housekeeping housekeeping;
    private final StepExecutor stepExecutor;
    private final ExecutorService stepThreads;
    private final ScheduledExecutorService background;
    private final Scheduler scheduler;
    private final List<RunEventListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean admissionPending = new AtomicBoolean();
    private volatile boolean started;

    public ScheduledPipelineEngine(DataSource dataSource, PipelineSettings settings, StepTypes stepTypes,
                                   RunWorkspaces workspaces, Clock clock, String instanceName) {
        this.settings = settings;
        this.stepTypes = stepTypes;
        this.clock = clock;
        this.transactions = new Transactions(dataSource, this::afterCommit);
        this.coordinator = new RunCoordinator(pipelines, runs, stepTypes, settings, clock);
        this.admission = new Admission(coordinator, settings.maxRunningRuns());
        this.housekeeping = new Housekeeping(transactions, coordinator, pipelines, workspaces,
                settings.cleanupInterval());
        AtomicInteger threadNumber = new AtomicInteger();
        this.stepThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "haven-pipeline-step-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.background = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "haven-pipeline-admission");
            thread.setDaemon(true);
            return thread;
        });
        Duration cancelCheck = settings.pollInterval().multipliedBy(2);
        this.stepExecutor = new StepExecutor(transactions, coordinator, stepTypes, stepThreads, cancelCheck);
        CustomTask<Void> stepTask = Tasks.custom(JdbcRunRepository.STEP_TASK, Void.class)
                .onDeadExecutionRevive()
                .onFailure((complete, operations) -> operations.reschedule(complete,
                        clock.instant().plus(settings.pollInterval().multipliedBy(10))))
                .execute(stepExecutor);
        RecurringTask<Void> cronTask = Tasks.recurring(CRON_TASK, FixedDelay.of(settings.cronCheckInterval()))
                .execute((instance, context) -> housekeeping.fireCronTriggers());
        RecurringTask<Void> cleanupTask = Tasks.recurring(CLEANUP_TASK, FixedDelay.of(settings.cleanupInterval()))
                .execute((instance, context) -> cleanWorkspaces());
        var builder = Scheduler.create(dataSource, List.of(stepTask))
                .startTasks(cronTask, cleanupTask)
                .pollingInterval(settings.pollInterval())
                .threads(settings.threads())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeatsLimit())
                .pollUsingLockAndFetch(0.5, 1.0)
                .shutdownMaxWait(Duration.ofSeconds(5))
                // db-scheduler's threads never run inside a caller's transaction; a connection without auto-commit
                // would be a misconfigured pool, and committing it behind its owner's back is not ours to do.
                .commitWhenAutocommitDisabled(false)
                .clock(clock::instant); // one notion of time for execution times written here and by db-scheduler
        if (instanceName != null) {
            builder = builder.schedulerName(new SchedulerName.Fixed(instanceName));
        }
        this.scheduler = builder.build();
    }

    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        scheduler.start();
        long sweep = settings.admissionSweepInterval().toMillis();
        background.scheduleWithFixedDelay(this::admitSafely, 0, sweep, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        background.shutdown(); // let an admission in progress commit rather than break its connection
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        background.shutdownNow();
        if (started) {
            scheduler.stop();
        }
        stepThreads.shutdownNow();
        started = false;
    }

    // ---- after commit

    private void afterCommit(Tx tx) {
        for (RunEvent event : tx.events) {
            for (RunEventListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("run event listener failed", e);
                }
            }
            if (event.type() == RunEventType.RUN_CANCELLED) {
                stepExecutor.cancelLocal(event.runId());
            }
        }
        for (Tx.FinishedRun finished : tx.finishedRuns) {
            housekeeping.cleanWorkspace(finished.tenantId(), finished.runId(), finished.workspacePrefix());
        }
        if (tx.admissionNeeded) {
            requestAdmission();
        }
        if (tx.stepsScheduled && started) {
            scheduler.triggerCheckForDueExecutions();
        }
    }

    /** Coalesces requests: at most one admission waits behind the one running. */
    private void requestAdmission() {
        if (started && admissionPending.compareAndSet(false, true)) {
            try {
                background.execute(() -> {
                    admissionPending.set(false);
                    admitSafely();
                });
            } catch (RejectedExecutionException e) {
                admissionPending.set(false); // closing
            }
        }
    }

    private void admitSafely() {
        try {
            admitQueuedRuns();
        } catch (RuntimeException e) {
            LOG.warn("admitting queued runs failed; the next sweep tries again: {}", e.toString());
        }
    }

    @Override
    public int admitQueuedRuns() {
        return transactions.inTransaction(admission::admit);
    }

    @Override
    public int cleanWorkspaces() {
        return housekeeping.cleanWorkspaces(clock.instant().minus(settings.workspaceRetention()));
    }

    // ---- definitions

    @Override
    public PipelineDefinition validate(String yaml) {
        return PipelineDefinition.parse(yaml, stepTypes, settings);
    }

    @Override
    public AppliedPipeline apply(String tenantId, String yaml, String appliedBy) {
        TenantIds.require(tenantId);
        requireText(appliedBy, "appliedBy");
        PipelineDefinition definition = validate(yaml);
        String canonical = DefinitionJson.canonical(definition);
        return transactions.inTransaction(tx -> {
            Instant now = clock.instant();
            Optional<Integer> latest = pipelines.lockLatestVersion(tx, tenantId, definition.name(), now);
            if (latest.isPresent()) {
                var current = pipelines.find(tx, tenantId, definition.name(), latest.get()).orElseThrow();
                if (current.definitionJson().equals(canonical)) {
                    return new AppliedPipeline(tenantId, definition.name(), latest.get(), false);
                }
            }
            int version = latest.orElse(0) + 1;
            pipelines.insertVersion(tx, new JdbcPipelineRepository.StoredVersion(tenantId, definition.name(), version,
                    yaml, canonical, definition.concurrency(), appliedBy, now, true));
            return new AppliedPipeline(tenantId, definition.name(), version, true);
        });
    }

    @Override
    public List<PipelineVersion> listPipelines(String tenantId) {
        return transactions.inTransaction(tx -> toVersions(tx, pipelines.latest(tx, tenantId, false)));
    }

    @Override
    public Optional<PipelineVersion> getPipeline(String tenantId, String name, Integer version) {
        return transactions.inTransaction(tx -> {
            var found = pipelines.find(tx, tenantId, name, version);
            return found.isEmpty() ? Optional.<PipelineVersion>empty() : Optional.of(toVersions(tx, List.of(found.get())).get(0));
        });
    }

    @Override
    public List<PipelineVersion> listVersions(String tenantId, String name) {
        return transactions.inTransaction(tx -> toVersions(tx, pipelines.versions(tx, tenantId, name)));
    }

    private List<PipelineVersion> toVersions(Tx tx, List<JdbcPipelineRepository.StoredVersion> stored)
            throws SQLException {
        List<PipelineVersion> result = new ArrayList<>();
        for (var version : stored) {
            result.add(new PipelineVersion(version.tenantId(), version.name(), version.version(),
                    coordinator.definition(tx, version.tenantId(), version.name(), version.version()), version.yaml(),
                    version.appliedBy(), version.appliedAt(), version.enabled()));
        }
        return result;
    }

    @Override
    public void setEnabled(String tenantId, String name, boolean enabled) {
        boolean found = transactions.inTransaction(tx -> pipelines.setEnabled(tx, tenantId, name, enabled));
        if (!found) {
            throw new PipelineException(PipelineErrorCode.PIPELINE_NOT_FOUND, "pipeline " + name + " not found");
        }
    }

    // ---- runs

    @Override
    public StartedRun startRun(StartRun request) {
        return transactions.inTransaction(tx -> coordinator.queue(tx, request));
    }

    @Override
    public List<StartedRun> onObjectAdded(ObjectAdded object) {
        return transactions.inTransaction(tx -> {
            List<StartedRun> started = new ArrayList<>();
            for (var version : pipelines.latest(tx, object.tenantId(), true)) {
                PipelineDefinition definition = coordinator.definition(tx, version.tenantId(), version.name(),
                        version.version());
                boolean matches = definition.uploadTriggers().stream()
                        .anyMatch(trigger -> trigger.matches(object.sourceId(), object.sourceName(), object.path()));
                if (matches) {
                    var inputs = new LinkedHashMap<>(object.inputs());
                    inputs.put("source_id", object.sourceId());
                    inputs.put("path", object.path());
                    inputs.put("sha256", object.sha256());
                    started.add(coordinator.queue(tx, new StartRun(object.tenantId(), version.name(), version.version(),
                            "upload:" + object.sha256(), inputs)));
                }
            }
            return started;
        });
    }

    @Override
    public RunSummary cancel(String tenantId, UUID runId) {
        return transactions.inTransaction(tx -> coordinator.cancel(tx, tenantId, runId));
    }

    @Override
    public RunSummary retry(String tenantId, UUID runId) {
        return transactions.inTransaction(tx -> coordinator.retry(tx, tenantId, runId));
    }

    @Override
    public RunPage listRuns(RunQuery query) {
        Long before = null;
        if (query.cursor() != null) {
            try {
                before = Long.parseLong(query.cursor());
            } catch (NumberFormatException e) {
                throw new PipelineException(PipelineErrorCode.REQUEST_INVALID, "invalid cursor");
            }
        }
        Long beforeRunNo = before;
        return transactions.inTransaction(tx -> {
            List<Long> numbers = new ArrayList<>();
            List<RunSummary> page = runs.listRuns(tx, query.tenantId(), query.pipelineName(), query.status(),
                    beforeRunNo, query.limit() + 1, numbers);
            if (page.size() <= query.limit()) {
                return new RunPage(page, null);
            }
            return new RunPage(page.subList(0, query.limit()), String.valueOf(numbers.get(query.limit() - 1)));
        });
    }

    @Override
    public Optional<RunDetails> getRun(String tenantId, UUID runId) {
        return transactions.inTransaction(tx -> {
            Optional<RunSummary> run = runs.findRun(tx, tenantId, runId);
            if (run.isEmpty()) {
                return Optional.<RunDetails>empty();
            }
            PipelineDefinition definition = coordinator.definition(tx, tenantId, run.get().pipelineName(),
                    run.get().pipelineVersion());
            List<StepState> steps = new ArrayList<>();
            for (JdbcRunRepository.StepRow row : runs.steps(tx, tenantId, runId)) {
                StepDefinition step = definition.step(row.stepId()).orElseThrow();
                steps.add(new StepState(row.stepId(), step.type(), step.needs(), row.status(), row.attempt(),
                        row.startedAt(), row.finishedAt(), row.nextAttemptAt(), row.error(), Json.objectMap(row.output())));
            }
            return Optional.of(new RunDetails(run.get(), steps));
        });
    }

    @Override
    public List<RunEvent> events(String tenantId, UUID runId, long afterSequence, int limit) {
        return transactions.inTransaction(tx -> runs.events(tx, tenantId, runId, afterSequence, null, clamp(limit)));
    }

    @Override
    public List<RunEvent> logs(String tenantId, UUID runId, long afterSequence, int limit) {
        return transactions.inTransaction(tx -> runs.events(tx, tenantId, runId, afterSequence, RunEventType.STEP_LOG,
                clamp(limit)));
    }

    private static int clamp(int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new PipelineException(PipelineErrorCode.REQUEST_INVALID, "limit must be between 1 and 10000");
        }
        return limit;
    }

    @Override
    public void addListener(RunEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(RunEventListener listener) {
        listeners.remove(listener);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new PipelineException(PipelineErrorCode.REQUEST_INVALID, name + " must not be empty");
        }
    }
}
