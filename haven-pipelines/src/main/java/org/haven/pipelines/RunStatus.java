package org.haven.pipelines;

/** QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED; a FAILED run can be retried (back to QUEUED). */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
