package org.haven.pipelines.internal;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.haven.pipelines.RunEvent;

/**
 * One engine call's connection and what to do once it commits. {@code joined} is true when the caller's
 * transaction owns the connection: then the engine neither commits nor learns when it does, so the follow-ups
 * (listeners, waking the scheduler, admission) are left to the periodic sweeps.
 */
final class Tx {

    final Connection connection;
    final boolean joined;
    final List<RunEvent> events = new ArrayList<>();
    final List<FinishedRun> finishedRuns = new ArrayList<>();
    boolean stepsScheduled;
    boolean admissionNeeded;

    Tx(Connection connection, boolean joined) {
        this.connection = connection;
        this.joined = joined;
    }

    /** A run that reached SUCCEEDED, whose workspace can go at once. */
    record FinishedRun(String tenantId, UUID runId, String workspacePrefix) {}
}
