package org.haven.pipelines.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.pipelines.CronTrigger;
import org.haven.pipelines.PipelineException;
import org.haven.pipelines.RunSummary;
import org.haven.pipelines.RunWorkspaces;
import org.haven.pipelines.StartRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The recurring work: firing cron triggers and deleting workspaces whose run no longer needs them. */
final class Housekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final Transactions transactions;
    private final RunCoordinator coordinator;
    private final JdbcPipelineRepository pipelines;
    private final RunWorkspaces workspaces;
    /** A succeeded run's workspace is deleted right after it finishes; the sweep only takes the ones left over. */
    private final Duration succeededGrace;

    Housekeeping(Transactions transactions, RunCoordinator coordinator, JdbcPipelineRepository pipelines,
                 RunWorkspaces workspaces, Duration succeededGrace) {
        this.transactions = transactions;
        this.coordinator = coordinator;
        this.pipelines = pipelines;
        this.workspaces = workspaces;
        this.succeededGrace = succeededGrace;
    }

    /**
     * Starts a run for every cron fire time that has come. Each trigger's next fire time is a row, advanced under a
     * row lock together with starting the run (trigger key {@code cron:<fire time>}), so a fire time starts one
     * run however many processes evaluate it. Fire times missed while no process ran collapse into one run.
     */
    void fireCronTriggers() {
        Map<JdbcPipelineRepository.StoredVersion, List<CronTrigger>> scheduled = transactions.inTransaction(tx -> {
            Map<JdbcPipelineRepository.StoredVersion, List<CronTrigger>> result = new LinkedHashMap<>();
            for (JdbcPipelineRepository.StoredVersion version : pipelines.latest(tx, null, true)) {
                List<CronTrigger> triggers = coordinator.definition(tx, version.tenantId(), version.name(),
                        version.version()).cronTriggers();
                if (!triggers.isEmpty()) {
                    result.put(version, triggers);
                }
            }
            return result;
        });
        for (var entry : scheduled.entrySet()) {
            JdbcPipelineRepository.StoredVersion version = entry.getKey();
            try {
                transactions.inTransaction(tx -> {
                    List<CronTrigger> triggers = entry.getValue();
                    for (int i = 0; i < triggers.size(); i++) {
                        fireCron(tx, version, i, triggers.get(i));
                    }
                    return null;
                });
            } catch (PipelineException e) {
                LOG.warn("cron triggers of pipeline {} of tenant {} not evaluated: {}", version.name(),
                        version.tenantId(), e.getMessage());
            }
        }
    }

    private void fireCron(Tx tx, JdbcPipelineRepository.StoredVersion version, int index, CronTrigger trigger)
            throws SQLException {
        Instant now = coordinator.now();
        String expression = trigger.expression() + " " + trigger.zone().getId();
        try (PreparedStatement insert = tx.connection.prepareStatement(
                "INSERT INTO pipeline_cron_cursors (tenant_id, pipeline_name, trigger_index, expression, next_fire_at) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, version.tenantId());
            insert.setString(2, version.name());
            insert.setInt(3, index);
            insert.setString(4, expression);
            insert.setTimestamp(5, Timestamp.from(trigger.nextFireAfter(now)));
            insert.executeUpdate();
        }
        Instant next;
        String storedExpression;
        try (PreparedStatement select = tx.connection.prepareStatement(
                "SELECT next_fire_at, expression FROM pipeline_cron_cursors WHERE tenant_id = ? AND pipeline_name = ? "
                        + "AND trigger_index = ? FOR UPDATE")) {
            select.setString(1, version.tenantId());
            select.setString(2, version.name());
            select.setInt(3, index);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                next = rows.getTimestamp(1).toInstant();
                storedExpression = rows.getString(2);
            }
        }
        Instant advanced = null;
        if (!storedExpression.equals(expression)) {
            advanced = trigger.nextFireAfter(now); // the schedule changed: the old fire time no longer applies
        } else if (!next.isAfter(now)) {
            coordinator.queue(tx, new StartRun(version.tenantId(), version.name(), version.version(),
                    "cron:" + next, Map.of("fire_time", next.toString())));
            advanced = trigger.nextFireAfter(next.isAfter(now) ? next : now);
        }
        if (advanced != null) {
            try (PreparedStatement update = tx.connection.prepareStatement(
                    "UPDATE pipeline_cron_cursors SET next_fire_at = ?, expression = ? WHERE tenant_id = ? "
                            + "AND pipeline_name = ? AND trigger_index = ?")) {
                update.setTimestamp(1, Timestamp.from(advanced));
                update.setString(2, expression);
                update.setString(3, version.tenantId());
                update.setString(4, version.name());
                update.setInt(5, index);
                update.executeUpdate();
            }
        }
    }

    /**
     * Deletes workspaces of failed or cancelled runs once their retention has passed, and of succeeded runs whose
     * immediate deletion did not happen (the process stopped, or the delete failed).
     */
    int cleanWorkspaces(Instant failedBefore) {
        Instant succeededBefore = coordinator.now().minus(succeededGrace);
        List<RunSummary> due = transactions.inTransaction(
                tx -> coordinator.runs().workspacesDue(tx, succeededBefore, failedBefore, 200));
        int cleaned = 0;
        for (RunSummary run : due) {
            if (cleanWorkspace(run.tenantId(), run.runId(), run.workspacePrefix())) {
                cleaned++;
            }
        }
        return cleaned;
    }

    boolean cleanWorkspace(String tenantId, UUID runId, String prefix) {
        try {
            workspaces.delete(tenantId, runId, prefix);
        } catch (Exception e) {
            LOG.warn("workspace {} of run {} not deleted yet: {}", prefix, runId, e.toString());
            return false;
        }
        transactions.inTransaction(tx -> {
            coordinator.runs().markWorkspaceCleaned(tx, runId, coordinator.now());
            return null;
        });
        return true;
    }
}
