package org.haven.pipelines;

/**
 * PENDING (waiting for its needs or admission) → SCHEDULED → RUNNING → SUCCEEDED | FAILED, with RETRY_WAIT between
 * failed attempts; CANCELLED when the run is cancelled before the step finished.
 */
public enum StepStatus {
    PENDING, SCHEDULED, RUNNING, RETRY_WAIT, SUCCEEDED, FAILED, CANCELLED
}
