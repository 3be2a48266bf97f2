package org.haven.pipelines.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.pipelines.RunStatus;
import org.haven.pipelines.RunSummary;

/**
 * Moves QUEUED runs to RUNNING within three limits: the global maximum of running runs, each pipeline's
 * {@code concurrency}, and a fair share between tenants (when capacity is short the tenant with the fewest running
 * runs goes first, then the oldest queued run). One admission at a time across processes: a transaction-scoped
 * advisory lock, taken before reading, so each admitter sees what the previous one committed.
 */
final class Admission {

    /**
     * Names the admission lock together with the schema, so deployments in different schemas of one database do not
     * wait for each other. An arbitrary constant.
     */
    private static final int LOCK_CLASS = 0x68706c01;
    private static final int MAX_CANDIDATES = 5000;

    private final RunCoordinator coordinator;
    private final int maxRunning;

    Admission(RunCoordinator coordinator, int maxRunning) {
        this.coordinator = coordinator;
        this.maxRunning = maxRunning;
    }

    private record Candidate(String tenantId, UUID runId, String pipelineKey, int concurrency) {}

    /** Returns the number of runs started. */
    int admit(Tx tx) throws SQLException {
        try (Statement lock = tx.connection.createStatement()) {
            lock.execute("SELECT pg_advisory_xact_lock(" + LOCK_CLASS + ", hashtext(current_schema()))");
        }
        Map<String, Integer> runningByPipeline = new HashMap<>();
        Map<String, Integer> runningByTenant = new HashMap<>();
        int running = 0;
        try (Statement select = tx.connection.createStatement();
             ResultSet rows = select.executeQuery("SELECT tenant_id, pipeline_name, count(*) FROM pipeline_runs "
                     + "WHERE status = 'RUNNING' GROUP BY tenant_id, pipeline_name")) {
            while (rows.next()) {
                int count = rows.getInt(3);
                runningByPipeline.put(rows.getString(1) + "\n" + rows.getString(2), count);
                runningByTenant.merge(rows.getString(1), count, Integer::sum);
                running += count;
            }
        }
        if (running >= maxRunning) {
            return 0;
        }
        List<Candidate> candidates = new ArrayList<>();
        try (PreparedStatement select = tx.connection.prepareStatement(
                "SELECT r.tenant_id, r.run_id, r.pipeline_name, v.concurrency FROM pipeline_runs r "
                        + "JOIN pipeline_versions v ON v.tenant_id = r.tenant_id AND v.name = r.pipeline_name "
                        + "AND v.version = r.pipeline_version WHERE r.status = 'QUEUED' ORDER BY r.queued_at, r.run_no LIMIT ?")) {
            select.setInt(1, MAX_CANDIDATES);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    candidates.add(new Candidate(rows.getString(1), rows.getObject(2, UUID.class),
                            rows.getString(1) + "\n" + rows.getString(3), rows.getInt(4)));
                }
            }
        }
        int started = 0;
        while (running < maxRunning) {
            Candidate next = null;
            int nextTenantRunning = Integer.MAX_VALUE;
            for (Candidate candidate : candidates) { // oldest first, so the first with the fewest running wins ties
                if (runningByPipeline.getOrDefault(candidate.pipelineKey(), 0) >= candidate.concurrency()) {
                    continue;
                }
                int tenantRunning = runningByTenant.getOrDefault(candidate.tenantId(), 0);
                if (tenantRunning < nextTenantRunning) {
                    next = candidate;
                    nextTenantRunning = tenantRunning;
                }
            }
            if (next == null) {
                break;
            }
            candidates.remove(next);
            RunSummary run = coordinator.runs().lockRun(tx, next.runId()).orElseThrow();
            if (run.status() != RunStatus.QUEUED) {
                continue; // cancelled since it was read
            }
            coordinator.start(tx, run);
            runningByPipeline.merge(next.pipelineKey(), 1, Integer::sum);
            runningByTenant.merge(next.tenantId(), 1, Integer::sum);
            running++;
            started++;
        }
        return started;
    }
}
