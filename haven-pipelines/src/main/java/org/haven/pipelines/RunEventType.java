package org.haven.pipelines;

/** The kinds of run events, with their wire names ({@code run.started}, ...). */
public enum RunEventType {
    RUN_QUEUED("run.queued"),
    RUN_STARTED("run.started"),
    STEP_STARTED("step.started"),
    STEP_SUCCEEDED("step.succeeded"),
    STEP_FAILED("step.failed"),
    STEP_RETRYING("step.retrying"),
    STEP_LOG("step.log"),
    RUN_SUCCEEDED("run.succeeded"),
    RUN_FAILED("run.failed"),
    RUN_CANCELLED("run.cancelled");

    private final String wireName;

    RunEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static RunEventType fromWireName(String name) {
        for (RunEventType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown run event type " + name);
    }
}
