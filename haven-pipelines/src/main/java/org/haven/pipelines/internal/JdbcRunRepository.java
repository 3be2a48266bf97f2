package org.haven.pipelines.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.haven.pipelines.RunEvent;
import org.haven.pipelines.RunEventType;
import org.haven.pipelines.RunStatus;
import org.haven.pipelines.RunSummary;
import org.haven.pipelines.StepStatus;

/** Runs, their steps and events, and the db-scheduler executions of their steps. */
final class JdbcRunRepository {

    static final String STEP_TASK = "haven-pipeline-step";

    record StepRow(String stepId, int position, StepStatus status, int attempt, int attemptBase, Instant startedAt,
                   Instant finishedAt, Instant nextAttemptAt, String error, String output) {}

    // ---- runs

    /** Inserts a QUEUED run unless the trigger key already started one; returns the run id that holds the key. */
    Optional<UUID> insertRun(Tx tx, RunSummary run) throws SQLException {
        try (PreparedStatement insert = tx.connection.prepareStatement(
                "INSERT INTO pipeline_runs (tenant_id, run_id, pipeline_name, pipeline_version, trigger_key, status, "
                        + "inputs, workspace_prefix, queued_at) VALUES (?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?) "
                        + "ON CONFLICT (tenant_id, pipeline_name, pipeline_version, trigger_key) DO NOTHING")) {
            insert.setString(1, run.tenantId());
            insert.setObject(2, run.runId());
            insert.setString(3, run.pipelineName());
            insert.setInt(4, run.pipelineVersion());
            insert.setString(5, run.triggerKey());
            insert.setString(6, Json.canonical(run.inputs()));
            insert.setString(7, run.workspacePrefix());
            insert.setTimestamp(8, Timestamp.from(run.queuedAt()));
            if (insert.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement select = tx.connection.prepareStatement(
                "SELECT run_id FROM pipeline_runs WHERE tenant_id = ? AND pipeline_name = ? AND pipeline_version = ? "
                        + "AND trigger_key = ?")) {
            select.setString(1, run.tenantId());
            select.setString(2, run.pipelineName());
            select.setInt(3, run.pipelineVersion());
            select.setString(4, run.triggerKey());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return Optional.of(rows.getObject(1, UUID.class));
            }
        }
    }

    Optional<RunSummary> lockRun(Tx tx, UUID runId) throws SQLException {
        return selectRun(tx, SELECT_RUN + " WHERE run_id = ? FOR UPDATE", runId, null);
    }

    Optional<RunSummary> findRun(Tx tx, String tenantId, UUID runId) throws SQLException {
        return selectRun(tx, SELECT_RUN + " WHERE tenant_id = ? AND run_id = ?", runId, tenantId);
    }

    private Optional<RunSummary> selectRun(Tx tx, String sql, UUID runId, String tenantId) throws SQLException {
        try (PreparedStatement select = tx.connection.prepareStatement(sql)) {
            int index = 1;
            if (tenantId != null) {
                select.setString(index++, tenantId);
            }
            select.setObject(index, runId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(readRun(rows)) : Optional.empty();
            }
        }
    }

    List<RunSummary> listRuns(Tx tx, String tenantId, String pipelineName, RunStatus status, Long beforeRunNo, int limit,
                              List<Long> runNumbers) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT_RUN).append(" WHERE tenant_id = ?");
        List<Object> args = new ArrayList<>(List.of(tenantId));
        if (pipelineName != null) {
            sql.append(" AND pipeline_name = ?");
            args.add(pipelineName);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        if (beforeRunNo != null) {
            sql.append(" AND run_no < ?");
            args.add(beforeRunNo);
        }
        sql.append(" ORDER BY run_no DESC LIMIT ?");
        args.add(limit);
        try (PreparedStatement select = tx.connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                select.setObject(i + 1, args.get(i));
            }
            List<RunSummary> runs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    runs.add(readRun(rows));
                    runNumbers.add(rows.getLong("run_no"));
                }
            }
            return runs;
        }
    }

    void updateRunStatus(Tx tx, UUID runId, RunStatus status, Instant startedAt, Instant finishedAt, String error)
            throws SQLException {
        try (PreparedStatement update = tx.connection.prepareStatement(
                "UPDATE pipeline_runs SET status = ?, started_at = COALESCE(?, started_at), finished_at = ?, error = ?, "
                        + "retries = retries + CASE WHEN status = 'FAILED' AND ? = 'QUEUED' THEN 1 ELSE 0 END "
                        + "WHERE run_id = ?")) {
            update.setString(1, status.name());
            update.setTimestamp(2, startedAt == null ? null : Timestamp.from(startedAt));
            update.setTimestamp(3, finishedAt == null ? null : Timestamp.from(finishedAt));
            update.setString(4, error);
            update.setString(5, status.name());
            update.setObject(6, runId);
            update.executeUpdate();
        }
    }

    void markWorkspaceCleaned(Tx tx, UUID runId, Instant when) throws SQLException {
        try (PreparedStatement update = tx.connection.prepareStatement(
                "UPDATE pipeline_runs SET workspace_cleaned_at = ? WHERE run_id = ? AND workspace_cleaned_at IS NULL")) {
            update.setTimestamp(1, Timestamp.from(when));
            update.setObject(2, runId);
            update.executeUpdate();
        }
    }

    /** Finished runs whose workspace is not deleted yet and that finished before the given times. */
    List<RunSummary> workspacesDue(Tx tx, Instant succeededBefore, Instant failedBefore, int limit) throws SQLException {
        try (PreparedStatement select = tx.connection.prepareStatement(SELECT_RUN
                + " WHERE workspace_cleaned_at IS NULL AND ((status = 'SUCCEEDED' AND finished_at <= ?) "
                + "OR (status IN ('FAILED', 'CANCELLED') AND finished_at <= ?)) ORDER BY finished_at LIMIT ?")) {
            select.setTimestamp(1, Timestamp.from(succeededBefore));
            select.setTimestamp(2, Timestamp.from(failedBefore));
            select.setInt(3, limit);
            List<RunSummary> runs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    runs.add(readRun(rows));
                }
            }
            return runs;
        }
    }

    private static final String SELECT_RUN = "SELECT tenant_id, run_id, run_no, pipeline_name, pipeline_version, "
            + "trigger_key, status, inputs, queued_at, started_at, finished_at, error, workspace_prefix, "
            + "workspace_cleaned_at, retries FROM pipeline_runs";

    private static RunSummary readRun(ResultSet rows) throws SQLException {
        return new RunSummary(rows.getString("tenant_id"), rows.getObject("run_id", UUID.class),
                rows.getString("pipeline_name"), rows.getInt("pipeline_version"), rows.getString("trigger_key"),
                RunStatus.valueOf(rows.getString("status")), Json.stringMap(rows.getString("inputs")),
                instant(rows, "queued_at"), instant(rows, "started_at"), instant(rows, "finished_at"),
                rows.getString("error"), rows.getString("workspace_prefix"), instant(rows, "workspace_cleaned_at"),
                rows.getInt("retries"));
    }

    // ---- steps

    void insertStep(Tx tx, String tenantId, UUID runId, String stepId, int position) throws SQLException {
        try (PreparedStatement insert = tx.connection.prepareStatement(
                "INSERT INTO pipeline_run_steps (tenant_id, run_id, step_id, position, status) VALUES (?, ?, ?, ?, 'PENDING')")) {
            insert.setString(1, tenantId);
            insert.setObject(2, runId);
            insert.setString(3, stepId);
            insert.setInt(4, position);
            insert.executeUpdate();
        }
    }

    List<StepRow> steps(Tx tx, String tenantId, UUID runId) throws SQLException {
        try (PreparedStatement select = tx.connection.prepareStatement(
                "SELECT step_id, position, status, attempt, attempt_base, started_at, finished_at, next_attempt_at, "
                        + "error, output FROM pipeline_run_steps WHERE tenant_id = ? AND run_id = ? ORDER BY position")) {
            select.setString(1, tenantId);
            select.setObject(2, runId);
            List<StepRow> steps = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    steps.add(new StepRow(rows.getString(1), rows.getInt(2), StepStatus.valueOf(rows.getString(3)),
                            rows.getInt(4), rows.getInt(5), instant(rows, "started_at"), instant(rows, "finished_at"),
                            instant(rows, "next_attempt_at"), rows.getString(9), rows.getString(10)));
                }
            }
            return steps;
        }
    }

    Optional<StepRow> step(Tx tx, String tenantId, UUID runId, String stepId) throws SQLException {
        return steps(tx, tenantId, runId).stream().filter(step -> step.stepId().equals(stepId)).findFirst();
    }

    /** Sets the step's state; null timestamps and texts are written as null, so pass what should remain. */
    void updateStep(Tx tx, String tenantId, UUID runId, String stepId, StepStatus status, int attempt, int attemptBase,
                    Instant startedAt, Instant finishedAt, Instant nextAttemptAt, String error, String output)
            throws SQLException {
        try (PreparedStatement update = tx.connection.prepareStatement(
                "UPDATE pipeline_run_steps SET status = ?, attempt = ?, attempt_base = ?, started_at = ?, finished_at = ?, "
                        + "next_attempt_at = ?, error = ?, output = ? WHERE tenant_id = ? AND run_id = ? AND step_id = ?")) {
            update.setString(1, status.name());
            update.setInt(2, attempt);
            update.setInt(3, attemptBase);
            update.setTimestamp(4, startedAt == null ? null : Timestamp.from(startedAt));
            update.setTimestamp(5, finishedAt == null ? null : Timestamp.from(finishedAt));
            update.setTimestamp(6, nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt));
            update.setString(7, error);
            update.setString(8, output);
            update.setString(9, tenantId);
            update.setObject(10, runId);
            update.setString(11, stepId);
            update.executeUpdate();
        }
    }

    // ---- step executions (db-scheduler's table)

    /**
     * Schedules the step's execution in the caller's transaction; a pending execution of it is left as it is. The
     * instance id carries the run's retry count, so an execution of an earlier try that a process is still letting
     * go of can neither swallow this one nor be mistaken for it.
     */
    void scheduleStep(Tx tx, RunSummary run, String stepId, Instant when) throws SQLException {
        try (PreparedStatement insert = tx.connection.prepareStatement(
                "INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version) "
                        + "VALUES (?, ?, NULL, ?, FALSE, 1) ON CONFLICT DO NOTHING")) {
            insert.setString(1, STEP_TASK);
            insert.setString(2, stepInstance(run.runId(), stepId, run.retries()));
            insert.setTimestamp(3, Timestamp.from(when));
            insert.executeUpdate();
        }
        tx.stepsScheduled = true;
    }

    /** Removes the run's step executions that no process has picked yet. */
    int unscheduleSteps(Tx tx, UUID runId) throws SQLException {
        try (PreparedStatement delete = tx.connection.prepareStatement(
                "DELETE FROM scheduled_tasks WHERE task_name = ? AND task_instance LIKE ? AND picked = FALSE")) {
            delete.setString(1, STEP_TASK);
            delete.setString(2, runId + "/%");
            return delete.executeUpdate();
        }
    }

    static String stepInstance(UUID runId, String stepId, int retries) {
        return runId + "/" + stepId + "/" + retries;
    }

    // ---- events

    /** Appends an event; the run row update numbers it and serialises appends per run, so sequence is commit order. */
    RunEvent appendEvent(Tx tx, String tenantId, UUID runId, RunEventType type, String stepId, Integer attempt,
                         String message, Map<String, Object> details, Instant now) throws SQLException {
        long sequence;
        try (PreparedStatement update = tx.connection.prepareStatement(
                "UPDATE pipeline_runs SET last_event_seq = last_event_seq + 1 WHERE tenant_id = ? AND run_id = ? "
                        + "RETURNING last_event_seq")) {
            update.setString(1, tenantId);
            update.setObject(2, runId);
            try (ResultSet rows = update.executeQuery()) {
                rows.next();
                sequence = rows.getLong(1);
            }
        }
        try (PreparedStatement insert = tx.connection.prepareStatement(
                "INSERT INTO pipeline_run_events (tenant_id, run_id, seq, occurred_at, type, step_id, attempt, message, "
                        + "details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, tenantId);
            insert.setObject(2, runId);
            insert.setLong(3, sequence);
            insert.setTimestamp(4, Timestamp.from(now));
            insert.setString(5, type.wireName());
            insert.setString(6, stepId);
            if (attempt == null) {
                insert.setNull(7, Types.INTEGER);
            } else {
                insert.setInt(7, attempt);
            }
            insert.setString(8, message);
            insert.setString(9, details == null || details.isEmpty() ? null : Json.canonical(details));
            insert.executeUpdate();
        }
        RunEvent event = new RunEvent(tenantId, runId, sequence, now, type, stepId, attempt, message, details);
        tx.events.add(event);
        return event;
    }

    List<RunEvent> events(Tx tx, String tenantId, UUID runId, long afterSequence, RunEventType onlyType, int limit)
            throws SQLException {
        try (PreparedStatement select = tx.connection.prepareStatement(
                "SELECT seq, occurred_at, type, step_id, attempt, message, details FROM pipeline_run_events "
                        + "WHERE tenant_id = ? AND run_id = ? AND seq > ?" + (onlyType == null ? "" : " AND type = ?")
                        + " ORDER BY seq LIMIT ?")) {
            int index = 1;
            select.setString(index++, tenantId);
            select.setObject(index++, runId);
            select.setLong(index++, afterSequence);
            if (onlyType != null) {
                select.setString(index++, onlyType.wireName());
            }
            select.setInt(index, limit);
            List<RunEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int attemptValue = rows.getInt(5);
                    Integer attempt = rows.wasNull() ? null : attemptValue;
                    events.add(new RunEvent(tenantId, runId, rows.getLong(1), rows.getTimestamp(2).toInstant(),
                            RunEventType.fromWireName(rows.getString(3)), rows.getString(4), attempt,
                            rows.getString(6), Json.objectMap(rows.getString(7))));
                }
            }
            return events;
        }
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
