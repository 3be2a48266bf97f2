package org.haven.pipelines;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.haven.pipelines.internal.ScheduledPipelineEngine;

/**
 * Haven's durable pipeline engine. Every process that calls {@link #start()} on the same database shares the work.
 * Calls that write ({@link #apply}, {@link #startRun}, {@link #onObjectAdded}, {@link #cancel}, {@link #retry},
 * {@link #setEnabled}) join the caller's transaction when the data source hands out a connection with auto-commit
 * off (e.g. Spring's TransactionAwareDataSourceProxy inside a transaction); otherwise each is its own transaction.
 */
public interface PipelineEngine extends AutoCloseable {

    static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** Starts executing steps, admitting runs, firing cron triggers and cleaning workspaces in this process. */
    void start();

    /** Stops this process's share of the work; running steps are left to be resumed by another process. */
    @Override
    void close();

    // ---- definitions

    /** Parses and validates without storing. */
    PipelineDefinition validate(String yaml);

    /** Stores a new version of the pipeline named in the YAML, unless it equals the latest version. */
    AppliedPipeline apply(String tenantId, String yaml, String appliedBy);

    /** Latest version of each of the tenant's pipelines. */
    List<PipelineVersion> listPipelines(String tenantId);

    /** The given version, or the latest when {@code version} is null. */
    Optional<PipelineVersion> getPipeline(String tenantId, String name, Integer version);

    List<PipelineVersion> listVersions(String tenantId, String name);

    /** A disabled pipeline fires no triggers and refuses new runs; runs already started carry on. */
    void setEnabled(String tenantId, String name, boolean enabled);

    // ---- runs

    StartedRun startRun(StartRun request);

    /** Starts one run of every enabled pipeline whose upload trigger matches, with trigger key {@code upload:<sha256>}. */
    List<StartedRun> onObjectAdded(ObjectAdded object);

    RunSummary cancel(String tenantId, UUID runId);

    /** Resumes a failed run: failed and unfinished steps run again, succeeded steps are kept. */
    RunSummary retry(String tenantId, UUID runId);

    RunPage listRuns(RunQuery query);

    Optional<RunDetails> getRun(String tenantId, UUID runId);

    /** Events of a run with a sequence number above {@code afterSequence}, oldest first. */
    List<RunEvent> events(String tenantId, UUID runId, long afterSequence, int limit);

    /** The run's {@code step.log} events above {@code afterSequence}. */
    List<RunEvent> logs(String tenantId, UUID runId, long afterSequence, int limit);

    void addListener(RunEventListener listener);

    void removeListener(RunEventListener listener);

    /** Admits queued runs now (e.g. after the caller committed a transaction that queued runs). */
    int admitQueuedRuns();

    /** Deletes the workspaces that are due now; also runs periodically. Returns how many were deleted. */
    int cleanWorkspaces();

    final class Builder {

        private final DataSource dataSource;
        private PipelineSettings settings = PipelineSettings.defaults();
        private StepTypes stepTypes = StepTypes.of();
        private RunWorkspaces workspaces = RunWorkspaces.none();
        private Clock clock = Clock.systemUTC();
        private String instanceName;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        public Builder settings(PipelineSettings settings) {
            this.settings = Objects.requireNonNull(settings);
            return this;
        }

        public Builder stepTypes(StepTypes stepTypes) {
            this.stepTypes = Objects.requireNonNull(stepTypes);
            return this;
        }

        public Builder workspaces(RunWorkspaces workspaces) {
            this.workspaces = Objects.requireNonNull(workspaces);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Names this process in db-scheduler's {@code picked_by}; defaults to the host name. */
        public Builder instanceName(String instanceName) {
            this.instanceName = instanceName;
            return this;
        }

        public PipelineEngine build() {
            return new ScheduledPipelineEngine(dataSource, settings, stepTypes, workspaces, clock, instanceName);
        }
    }
}
