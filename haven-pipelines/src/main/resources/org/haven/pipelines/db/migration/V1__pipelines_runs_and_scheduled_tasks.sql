-- db-scheduler's table, as in its PostgreSQL schema (the library ships no DDL). Step attempts, cron evaluation and
-- workspace cleanup are executions in it; it holds no tenant data (instances are "<run id>/<step id>/<retries>").
CREATE TABLE scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- A tenant's pipeline: enabled or not, and its latest version.
CREATE TABLE pipelines (
    tenant_id      TEXT                     NOT NULL,
    name           TEXT                     NOT NULL,
    latest_version INT                      NOT NULL,
    enabled        BOOLEAN                  NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

-- Every applied version; never updated. definition_json is the canonical form compared to detect real changes.
CREATE TABLE pipeline_versions (
    tenant_id       TEXT                     NOT NULL,
    name            TEXT                     NOT NULL,
    version         INT                      NOT NULL,
    yaml            TEXT                     NOT NULL,
    definition_json TEXT                     NOT NULL,
    concurrency     INT                      NOT NULL,
    applied_by      TEXT                     NOT NULL,
    applied_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, name, version),
    FOREIGN KEY (tenant_id, name) REFERENCES pipelines (tenant_id, name)
);

CREATE TABLE pipeline_runs (
    tenant_id            TEXT                     NOT NULL,
    run_id               UUID                     NOT NULL,
    run_no               BIGSERIAL                NOT NULL,
    pipeline_name        TEXT                     NOT NULL,
    pipeline_version     INT                      NOT NULL,
    trigger_key          TEXT                     NOT NULL,
    status               TEXT                     NOT NULL,
    inputs               TEXT                     NOT NULL,
    workspace_prefix     TEXT                     NOT NULL,
    last_event_seq       BIGINT                   NOT NULL DEFAULT 0,
    queued_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at           TIMESTAMP WITH TIME ZONE,
    finished_at          TIMESTAMP WITH TIME ZONE,
    error                TEXT,
    workspace_cleaned_at TIMESTAMP WITH TIME ZONE,
    -- How often the failed run was resumed; part of its step execution ids.
    retries              INT                      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, run_id),
    FOREIGN KEY (tenant_id, pipeline_name, pipeline_version)
        REFERENCES pipeline_versions (tenant_id, name, version),
    -- Idempotent triggering: one run per pipeline version and trigger key.
    UNIQUE (tenant_id, pipeline_name, pipeline_version, trigger_key),
    CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'))
);
-- Step executions carry only the run id.
CREATE UNIQUE INDEX pipeline_runs_run_id_idx ON pipeline_runs (run_id);
CREATE INDEX pipeline_runs_listing_idx ON pipeline_runs (tenant_id, run_no DESC);
CREATE INDEX pipeline_runs_active_idx ON pipeline_runs (status, queued_at) WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX pipeline_runs_cleanup_idx ON pipeline_runs (finished_at)
    WHERE workspace_cleaned_at IS NULL AND status IN ('SUCCEEDED', 'FAILED', 'CANCELLED');

CREATE TABLE pipeline_run_steps (
    tenant_id       TEXT                     NOT NULL,
    run_id          UUID                     NOT NULL,
    step_id         TEXT                     NOT NULL,
    position        INT                      NOT NULL,
    status          TEXT                     NOT NULL,
    attempt         INT                      NOT NULL DEFAULT 0,
    -- Attempts made before the last manual retry; the retry budget counts from here.
    attempt_base    INT                      NOT NULL DEFAULT 0,
    started_at      TIMESTAMP WITH TIME ZONE,
    finished_at     TIMESTAMP WITH TIME ZONE,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    error           TEXT,
    output          TEXT,
    PRIMARY KEY (tenant_id, run_id, step_id),
    FOREIGN KEY (tenant_id, run_id) REFERENCES pipeline_runs (tenant_id, run_id),
    CHECK (status IN ('PENDING', 'SCHEDULED', 'RUNNING', 'RETRY_WAIT', 'SUCCEEDED', 'FAILED', 'CANCELLED'))
);

CREATE TABLE pipeline_run_events (
    tenant_id   TEXT                     NOT NULL,
    run_id      UUID                     NOT NULL,
    seq         BIGINT                   NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    type        TEXT                     NOT NULL,
    step_id     TEXT,
    attempt     INT,
    message     TEXT,
    details     TEXT,
    PRIMARY KEY (tenant_id, run_id, seq),
    FOREIGN KEY (tenant_id, run_id) REFERENCES pipeline_runs (tenant_id, run_id)
);

-- The next fire time of each cron trigger, so a fire time is evaluated once however many processes run.
CREATE TABLE pipeline_cron_cursors (
    tenant_id     TEXT                     NOT NULL,
    pipeline_name TEXT                     NOT NULL,
    trigger_index INT                      NOT NULL,
    expression    TEXT                     NOT NULL,
    next_fire_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, pipeline_name, trigger_index),
    FOREIGN KEY (tenant_id, pipeline_name) REFERENCES pipelines (tenant_id, name)
);
